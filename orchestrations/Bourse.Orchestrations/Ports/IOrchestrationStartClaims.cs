namespace Bourse.Orchestrations.Ports;

/// <summary>
/// Who starts an orchestration whose instance id is fixed by its request (an order's saga, a day's report run): a port,
/// an adapter keeps the claims in the system of record. Two identical requests racing both find no instance, and both
/// starts can pass the backend's own existence check (the Azure Storage provider checks, then writes), so the API claims
/// the instance first: the one claim written first starts it, every other request answers with it. A claim is a lease: its holder renews it while its start is under way, and only a claim
/// nobody renewed for a while (its holder died) is taken over.
/// </summary>
public interface IOrchestrationStartClaims
{
    /// <summary>Claims the start of <paramref name="instanceId"/>.</summary>
    /// <returns><see langword="true"/> for the first claim of the instance only.</returns>
    ValueTask<bool> TryClaimAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes over the claim of <paramref name="instanceId"/> when it was made more than <paramref name="olderThan"/> ago
    /// (its holder never started the instance: it died, or its request was cancelled), or claims it when there is none.
    /// Of callers racing for the same claim, exactly one wins.
    /// </summary>
    /// <returns><see langword="true"/> when this caller now holds the claim and must start the instance.</returns>
    ValueTask<bool> TryTakeOverAsync(string instanceId, TimeSpan olderThan, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renews the claim of <paramref name="instanceId"/> (its time becomes now): its holder is alive and still starting the
    /// instance, so <see cref="TryTakeOverAsync"/> must not take it, however slow the start.
    /// </summary>
    ValueTask RenewAsync(string instanceId, CancellationToken cancellationToken = default);
}
