namespace Bourse.Orchestrations.Ports;

/// <summary>
/// Who starts an order's saga (a port: an adapter keeps the claims in the system of record). Two identical submissions
/// racing both find no saga; the Durable Task backend does not reliably refuse the second start of the same instance id
/// (the Azure Storage provider through the gRPC sidecar accepts it), so the API claims the order first: the one claim that
/// is written first starts the saga, every other request answers with that saga.
/// </summary>
public interface IOrderSubmissionClaims
{
    /// <summary>Claims the start of <paramref name="orderId"/>'s saga.</summary>
    /// <returns><see langword="true"/> for the first claim of the order only.</returns>
    ValueTask<bool> TryClaimAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes over the claim of <paramref name="orderId"/> when it was made more than <paramref name="olderThan"/> ago (its
    /// holder never started the saga: it died, or its request was cancelled), or claims it when there is none. Of callers
    /// racing for the same claim, exactly one wins.
    /// </summary>
    /// <returns><see langword="true"/> when this caller now holds the claim and must start the saga.</returns>
    ValueTask<bool> TryTakeOverAsync(string orderId, TimeSpan olderThan, CancellationToken cancellationToken = default);
}
