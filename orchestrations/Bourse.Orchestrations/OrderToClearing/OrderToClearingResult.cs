namespace Bourse.Orchestrations.OrderToClearing;

/// <summary>How the saga ended.</summary>
public enum OrderOutcome
{
    /// <summary>Completely filled, cleared and settled.</summary>
    Filled,

    /// <summary>Cancelled (by the user, or the engine: IOC/FOK remainder, end of session, ...), what filled cleared, settled.</summary>
    Cancelled,

    /// <summary>Expired by the saga's timer and cancelled at the engine; what filled cleared, settled.</summary>
    Expired,

    /// <summary>A business rejection (validation, risk, funds, engine); what was done was undone.</summary>
    Rejected,

    /// <summary>A technical failure after retries (or a report that never came); compensated as far as possible.</summary>
    Failed,
}

/// <summary>The output of the saga.</summary>
public sealed record OrderToClearingResult
{
    /// <summary>The order.</summary>
    public required string OrderId { get; init; }

    /// <summary>How it ended.</summary>
    public required OrderOutcome Outcome { get; init; }

    /// <summary>The stage the saga was in when it ended or failed.</summary>
    public required string Stage { get; init; }

    /// <summary>The order's quantity.</summary>
    public required long OrderQuantity { get; init; }

    /// <summary>What traded and cleared.</summary>
    public required long FilledQuantity { get; init; }

    /// <summary>The sum of price × quantity over the cleared fills.</summary>
    public required decimal FilledNotional { get; init; }

    /// <summary>The fees charged.</summary>
    public required decimal Fees { get; init; }

    /// <summary>How many fills were cleared (one journal entry each).</summary>
    public required int FillsCleared { get; init; }

    /// <summary>What the hold gave back at the end.</summary>
    public required decimal ReleasedHold { get; init; }

    /// <summary>Why it was rejected or failed; empty for a settlement.</summary>
    public required IReadOnlyList<SagaReason> Reasons { get; init; }

    /// <summary>The risk flags recorded for the regulatory reports.</summary>
    public required IReadOnlyList<SagaReason> RiskFlags { get; init; }

    /// <summary>What compensation did, in order.</summary>
    public required IReadOnlyList<Compensation> Compensations { get; init; }

    /// <summary>How many generations the saga ran (1 + the number of <c>ContinueAsNew</c>).</summary>
    public required int Generations { get; init; }
}

/// <summary>The saga's custom status, set at every stage.</summary>
/// <param name="Stage">The stage (<see cref="SagaStages"/>).</param>
/// <param name="OrderQuantity">The order's quantity.</param>
/// <param name="FilledQuantity">What traded and cleared so far.</param>
/// <param name="FillsCleared">How many fills were cleared.</param>
/// <param name="LastError">The last error, or <see langword="null"/>.</param>
/// <param name="Generation">The current generation.</param>
/// <param name="Compensated">The compensating steps done so far.</param>
public sealed record OrderToClearingStatus(
    string Stage, long OrderQuantity, long FilledQuantity, int FillsCleared, string? LastError, int Generation,
    IReadOnlyList<string> Compensated);
