namespace Bourse.Domain.Risk;

/// <summary>The other party of a transaction: a payee, a payer, a beneficiary.</summary>
/// <param name="Name">The name as given (any script, case, width or spacing: screening normalizes it).</param>
/// <param name="Country">ISO 3166-1 alpha-2 code of the party's country, or <see langword="null"/> when unknown.</param>
public sealed record Counterparty(string Name, string? Country = null);
