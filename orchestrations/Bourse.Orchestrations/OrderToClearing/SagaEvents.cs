namespace Bourse.Orchestrations.OrderToClearing;

/// <summary>The names of the external events the saga waits for (raise them to the instance whose id is the order id).</summary>
public static class SagaEvents
{
    /// <summary>An <see cref="ExecutionReport"/> of the order, from the executions hub.</summary>
    public const string ExecutionReport = nameof(ExecutionReport);

    /// <summary>A <see cref="CancelRequest"/> by the user.</summary>
    public const string CancelRequested = nameof(CancelRequested);
}

/// <summary>What happened to the order at the engine (payload of <see cref="SagaEvents.ExecutionReport"/>), as in
/// <c>bourse.engine.v1.ExecutionReport</c>.</summary>
/// <param name="InstrumentId">The book.</param>
/// <param name="InstrumentSequence">Gap-free per instrument; (instrument, sequence) identifies the report, so a
/// republished report is recognised. 0: a report the engine never sequenced (not de-duplicated).</param>
/// <param name="Kind">What happened.</param>
/// <param name="EngineOrderId">The engine's order id.</param>
/// <param name="TradeId">The trade of a <see cref="ExecutionKind.Fill"/> (unique per instrument); 0 otherwise.</param>
/// <param name="PriceTicks">The fill price (or the replaced price) in ticks.</param>
/// <param name="Quantity">A fill's quantity; a cancel's cancelled quantity; a replace's new open quantity; an
/// acceptance's order quantity.</param>
/// <param name="Reason">The engine's reject or cancel reason.</param>
/// <param name="RejectedRequest">For <see cref="ExecutionKind.Rejected"/>: which request was refused.</param>
public sealed record ExecutionReport(
    int InstrumentId, long InstrumentSequence, ExecutionKind Kind, long EngineOrderId = 0, long TradeId = 0, long PriceTicks = 0,
    long Quantity = 0, string? Reason = null, RequestKind RejectedRequest = RequestKind.NewOrder);

/// <summary>The kinds of <see cref="ExecutionReport"/>.</summary>
public enum ExecutionKind
{
    /// <summary>The new order passed the engine's validation.</summary>
    Accepted,

    /// <summary>A request was refused (see <see cref="ExecutionReport.RejectedRequest"/>).</summary>
    Rejected,

    /// <summary>A trade.</summary>
    Fill,

    /// <summary>The order, or what was left of it, left the book: the order is done at the engine.</summary>
    Cancelled,

    /// <summary>A replace was applied: new price and open quantity.</summary>
    Replaced,
}

/// <summary>The request a rejection refuses.</summary>
public enum RequestKind
{
    /// <summary>The new order: it never lived.</summary>
    NewOrder,

    /// <summary>A cancel: the order stays as it was.</summary>
    Cancel,

    /// <summary>A replace: the order stays as it was.</summary>
    Replace,
}

/// <summary>The payload of <see cref="SagaEvents.CancelRequested"/>.</summary>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="Reason">Why, for the record.</param>
public sealed record CancelRequest(string? RequestedBy = null, string? Reason = null);
