namespace Bourse.Orchestrations.Reconciliation;

/// <summary>What a reconciliation found and did, over all its instruments.</summary>
/// <param name="Executions">Stored fill reports examined (one per side of a trade).</param>
/// <param name="Matched">Fill sides whose ledger entry exists.</param>
/// <param name="ReRaised">Fill sides without an entry whose saga still runs: raised to it again.</param>
/// <param name="ClearedDirect">Unlinked fill sides past the grace period: posted as direct-entry fills now.</param>
/// <param name="AlreadyClearedDirect">Of those, the ones the ledger had (an earlier run's post; nothing changed).</param>
/// <param name="AwaitingGrace">Unlinked fill sides without an entry still inside the grace period: left for a later run.</param>
/// <param name="Breaks">What reconciliation cannot fix.</param>
public sealed record ReconciliationResult(
    int Executions, int Matched, int ReRaised, int ClearedDirect, int AlreadyClearedDirect, int AwaitingGrace,
    IReadOnlyList<ReconciliationBreak> Breaks);

/// <summary>A difference reconciliation cannot fix: for a person.</summary>
/// <param name="Code">One of <see cref="ReconciliationBreakCodes"/>.</param>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="TradeId">The trade, when the break is about one.</param>
/// <param name="EntryId">The ledger entry concerned (present or missing).</param>
/// <param name="Detail">What was seen.</param>
public sealed record ReconciliationBreak(string Code, int InstrumentId, long TradeId, string? EntryId, string Detail);

/// <summary>The stable codes of <see cref="ReconciliationBreak"/>.</summary>
public static class ReconciliationBreakCodes
{
    /// <summary>A linked fill has no entry and its saga has finished (or is gone): nothing will clear it.</summary>
    public const string FinishedSagaFillMissing = "FINISHED_SAGA_FILL_MISSING";

    /// <summary>The ledger has a fill entry for a trade side the executions store does not hold.</summary>
    public const string EntryWithoutExecution = "ENTRY_WITHOUT_EXECUTION";

    /// <summary>The ledger recorded the entry but has not applied it everywhere (pending or refused).</summary>
    public const string EntryIncomplete = "ENTRY_INCOMPLETE";

    /// <summary>A fill report that names no side (cannot be matched to an entry).</summary>
    public const string FillWithoutSide = "FILL_WITHOUT_SIDE";

    /// <summary>A direct-entry fill whose report names no account (stored before the engine published accounts): booked to
    /// the suspense account.</summary>
    public const string DirectFillWithoutAccount = "DIRECT_FILL_WITHOUT_ACCOUNT";

    /// <summary>A direct-entry fill whose account reference data does not know: booked to the suspense account.</summary>
    public const string DirectFillUnknownAccount = "DIRECT_FILL_UNKNOWN_ACCOUNT";

    /// <summary>A direct-entry fill left its customer account below its floor (no hold backed the order; the trade stands).</summary>
    public const string DirectFillBelowFloor = "DIRECT_FILL_BELOW_FLOOR";

    /// <summary>An instrument's branch failed after its retries (the detail says why).</summary>
    public const string InstrumentFailed = "INSTRUMENT_FAILED";
}

/// <summary>The custom status while a reconciliation runs.</summary>
/// <param name="Stage">"Reconciling" or "Completed".</param>
/// <param name="InstrumentsTotal">Instruments to do.</param>
/// <param name="InstrumentsDone">Instruments done.</param>
/// <param name="BreaksSoFar">Breaks found so far.</param>
public sealed record ReconciliationStatus(string Stage, int InstrumentsTotal, int InstrumentsDone, int BreaksSoFar);
