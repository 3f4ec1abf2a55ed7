namespace Bourse.Orchestrations.Reconciliation;

/// <summary>
/// The input of <see cref="ReconciliationOrchestration"/>: which stored executions to check against the sagas and the
/// ledger. Each instrument is reconciled over the same sequence range and, when given, storing-time range.
/// </summary>
public sealed record ReconciliationInput
{
    /// <summary>The instruments (one fan-out branch each).</summary>
    public required IReadOnlyList<int> InstrumentIds { get; init; }

    /// <summary>The first instrument sequence.</summary>
    /// <value>The default value is 1.</value>
    public long FromSequence { get; init; } = 1;

    /// <summary>The last instrument sequence.</summary>
    /// <value>The default value is <see cref="long.MaxValue"/> (everything stored).</value>
    public long ToSequence { get; init; } = long.MaxValue;

    /// <summary>The earliest time a report was first stored, or none.</summary>
    public DateTimeOffset? StoredFrom { get; init; }

    /// <summary>The end (exclusive) of the storing times, or none.</summary>
    public DateTimeOffset? StoredTo { get; init; }

    /// <summary>How long an unlinked fill waits before it is cleared as a direct-entry fill: its saga's link may still be
    /// on its way (the SubmitToEngine step links the order only after the engine answered, and retries).</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The activities' attempts (exponential backoff from <see cref="FirstRetryInterval"/>).</summary>
    /// <value>The default value is 5.</value>
    public int ActivityMaxAttempts { get; init; } = 5;

    /// <summary>The first retry's delay.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan FirstRetryInterval { get; init; } = TimeSpan.FromSeconds(1);
}
