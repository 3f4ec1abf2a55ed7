using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.OrderToClearing;

/// <summary>
/// What the saga knows, carried across <c>ContinueAsNew</c> in <see cref="OrderToClearingInput.Carried"/>. Mutated only
/// by orchestrator code (deterministically, from the input and the history).
/// </summary>
public sealed class OrderToClearingState
{
    /// <summary>The current stage (<see cref="SagaStages"/>).</summary>
    public string Stage { get; set; } = SagaStages.Validate;

    /// <summary>The instrument as Validate saw it.</summary>
    public InstrumentInfo? Instrument { get; set; }

    /// <summary>Whether a hold may exist (set before the first ReserveFunds attempt): compensation then releases it.</summary>
    public bool ReserveAttempted { get; set; }

    /// <summary>The hold in place (asset and amount), <see langword="null"/> before ReserveFunds.</summary>
    public HoldRequest? Hold { get; set; }

    /// <summary>The fee rate the hold was sized with (a fraction: 0.0003 is 3 basis points).</summary>
    public decimal FeeRate { get; set; }

    /// <summary>Whether the hold was released.</summary>
    public bool HoldReleased { get; set; }

    /// <summary>What the release gave back.</summary>
    public decimal ReleasedHold { get; set; }

    /// <summary>Whether the order may have reached the engine (set before the first submission attempt).</summary>
    public bool SubmitAttempted { get; set; }

    /// <summary>The engine's order id once accepted.</summary>
    public long? EngineOrderId { get; set; }

    /// <summary>The quantity that ends the order when filled: the order's, or what a replace made it.</summary>
    public long TargetQuantity { get; set; }

    /// <summary>The sum of the cleared fills' quantities.</summary>
    public long FilledQuantity { get; set; }

    /// <summary>The sum of price × quantity over the cleared fills.</summary>
    public decimal FilledNotional { get; set; }

    /// <summary>The fees charged so far.</summary>
    public decimal Fees { get; set; }

    /// <summary>The trade ids cleared (a fill is cleared once, whatever arrives twice).</summary>
    public HashSet<long> ClearedTradeIds { get; set; } = [];

    /// <summary>The instrument sequences of the reports seen (duplicates are dropped).</summary>
    public HashSet<long> SeenSequences { get; set; } = [];

    /// <summary>Set by a cancel report: the open quantity the engine cancelled; the order is done at the engine.</summary>
    public long? CancelledQuantity { get; set; }

    /// <summary>The engine's cancel reason.</summary>
    public string? CancelReason { get; set; }

    /// <summary>Set when the engine refused the new order (by the submission's answer or a report).</summary>
    public SagaReason? EngineRejection { get; set; }

    /// <summary>How many cancels the saga sent (numbers the cancel's client request id).</summary>
    public int CancelsSent { get; set; }

    /// <summary>Whether a user asked to cancel.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>Whether the expiry timer fired.</summary>
    public bool Expired { get; set; }

    /// <summary>Until when the saga waits for the engine's final report (after it cancelled); <see langword="null"/>: no bound.</summary>
    public DateTime? ReportDeadline { get; set; }

    /// <summary>The risk flags recorded for the regulatory reports.</summary>
    public List<SagaReason> RiskFlags { get; set; } = [];

    /// <summary>What compensation did.</summary>
    public List<Compensation> Compensations { get; set; } = [];

    /// <summary>The last error (an activity that failed, a wait that timed out).</summary>
    public string? LastError { get; set; }

    /// <summary>1 for the first run, one more per <c>ContinueAsNew</c>.</summary>
    public int Generation { get; set; } = 1;

    /// <summary>Whether the engine is done with the order (rejected, cancelled, or filled).</summary>
    internal bool EngineDone => EngineRejection is not null || CancelledQuantity is not null || FilledQuantity >= TargetQuantity;

    /// <summary>Whether every report the saga needs has arrived: filled, or cancelled with the fills before the cancel
    /// all cleared (a cancel report can overtake a fill), or refused.</summary>
    internal bool IsComplete =>
        EngineRejection is not null
        || FilledQuantity >= TargetQuantity
        || (CancelledQuantity is long cancelled && FilledQuantity + cancelled >= TargetQuantity);
}

/// <summary>One compensating step.</summary>
/// <param name="Step">What was undone (<c>CancelAtEngine</c>, <c>ReleaseHold</c>).</param>
/// <param name="Succeeded">Whether it worked (a failed one needs an operator).</param>
/// <param name="Detail">What it did or why it failed.</param>
public sealed record Compensation(string Step, bool Succeeded, string Detail);
