namespace Bourse.Adapters.Cosmos;

/// <summary>
/// A call of <see cref="CosmosReferenceData"/> or <see cref="CosmosOrderActivity"/> failed; <see cref="Reason"/> says why
/// and <see cref="IsTransient"/> whether the same call may succeed later (every call is idempotent, so retrying is safe).
/// </summary>
public sealed class CosmosStoreException : Exception
{
    /// <summary>A failure of <paramref name="reason"/>.</summary>
    public CosmosStoreException(CosmosStoreFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why it failed.</summary>
    public CosmosStoreFailureReason Reason { get; }

    /// <summary>Service trouble and contention pass; a corrupt document does not.</summary>
    public bool IsTransient => Reason is CosmosStoreFailureReason.ServiceUnavailable or CosmosStoreFailureReason.Contention;
}

/// <summary>Why a <see cref="CosmosStoreException"/> was thrown.</summary>
public enum CosmosStoreFailureReason
{
    /// <summary>Cosmos DB did not answer usefully after the retries (429, 503, 408, timeouts) or answered an unexpected status.</summary>
    ServiceUnavailable = 1,

    /// <summary>A document was changed by others on every one of the compare-and-swap attempts.</summary>
    Contention = 2,

    /// <summary>A stored document could not be read as the adapter's document.</summary>
    CorruptDocument = 3,
}
