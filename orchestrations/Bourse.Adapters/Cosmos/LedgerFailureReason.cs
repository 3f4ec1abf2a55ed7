namespace Bourse.Adapters.Cosmos;

/// <summary>Why a ledger call failed (as opposed to a business refusal, which is a <see cref="LedgerResult"/>).</summary>
public enum LedgerFailureReason
{
    /// <summary>Cosmos DB did not answer usefully after the retries (429, 503, 408, timeouts) or answered an unexpected status.</summary>
    ServiceUnavailable = 1,

    /// <summary>An account was changed by others on every one of the compare-and-swap attempts.</summary>
    Contention = 2,

    /// <summary>An entry with this id exists with other postings: two different events claim one id.</summary>
    ConflictingDuplicate = 3,

    /// <summary>A stored document could not be read as a ledger document.</summary>
    CorruptDocument = 4,
}
