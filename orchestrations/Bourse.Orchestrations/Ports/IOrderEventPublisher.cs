namespace Bourse.Orchestrations.Ports;

/// <summary>Publishes what became of an order (a port: an adapter sends to Event Hubs / the audit stream). At least once:
/// consumers drop duplicates by <see cref="OrderEvent.EventId"/>.</summary>
public interface IOrderEventPublisher
{
    /// <summary>Publishes <paramref name="orderEvent"/>.</summary>
    ValueTask PublishAsync(OrderEvent orderEvent, CancellationToken cancellationToken = default);
}

/// <summary>The end of one order's saga.</summary>
/// <param name="EventId">Deterministic: <c>{orderId}:{kind}</c>.</param>
/// <param name="Kind">What happened.</param>
/// <param name="OrderId">The order.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="InstrumentId">Its instrument.</param>
/// <param name="FilledQuantity">What traded.</param>
/// <param name="FilledNotional">The sum of price × quantity over the fills.</param>
/// <param name="Fees">The fees charged.</param>
/// <param name="ReleasedHold">What the hold gave back.</param>
/// <param name="Reasons">Why (rejection or failure reasons); empty for a settlement.</param>
/// <param name="At">The saga's time of the event.</param>
public sealed record OrderEvent(
    string EventId, OrderEventKind Kind, string OrderId, string AccountId, int InstrumentId, long FilledQuantity,
    decimal FilledNotional, decimal Fees, decimal ReleasedHold, IReadOnlyList<string> Reasons, DateTimeOffset At);

/// <summary>The kinds of <see cref="OrderEvent"/>.</summary>
public enum OrderEventKind
{
    /// <summary>OrderSettled: every fill cleared, the unused hold released.</summary>
    OrderSettled,

    /// <summary>OrderRejected: a business rejection (validation, risk, funds, engine); what was done was undone.</summary>
    OrderRejected,

    /// <summary>OrderFailed: a technical failure after retries; compensated as far as possible.</summary>
    OrderFailed,
}
