namespace Bourse.Adapters.Cosmos;

/// <summary>What <see cref="CosmosLedger.CompletePendingAsync"/> did with the pending entries of its window.</summary>
/// <param name="Found">Pending entries found.</param>
/// <param name="Completed">Now applied everywhere.</param>
/// <param name="Refused">Refused at their first account (they had been applied nowhere).</param>
/// <param name="StillPending">Still pending (an account refuses them): their ids, for an operator.</param>
public sealed record PendingCompletion(int Found, int Completed, int Refused, IReadOnlyList<string> StillPending);
