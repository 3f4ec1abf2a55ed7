using Bourse.Domain.Risk;

namespace Bourse.Orchestrations.OrderToClearing;

/// <summary>
/// The input of the <see cref="OrderToClearingOrchestration"/>: one limit or market order as the back-office API took it. The
/// instance id is <see cref="OrderId"/>, so a retried request is the same saga.
/// </summary>
public sealed record OrderToClearingInput
{
    /// <summary>The business id of the order; the saga's instance id, the hold's id and the risk decision's key.</summary>
    public required string OrderId { get; init; }

    /// <summary>The order's name at the engine (idempotency key of the submission), at most 48 characters so that the
    /// saga's cancel ids (<c>{ClientOrderId}:cancel:{n}</c>) stay within the engine's 64.</summary>
    public required string ClientOrderId { get; init; }

    /// <summary>The account the order is booked on.</summary>
    public required string AccountId { get; init; }

    /// <summary>The person or system acting for the account.</summary>
    public string? UserId { get; init; }

    /// <summary>The engine's instrument id.</summary>
    public required int InstrumentId { get; init; }

    /// <summary>Buy or sell.</summary>
    public required OrderSide Side { get; init; }

    /// <summary>The limit price, in the instrument's currency; a multiple of its tick size. 0 for a market order.</summary>
    public required decimal LimitPrice { get; init; }

    /// <summary>Limit or market.</summary>
    /// <value>The default value is <see cref="OrderKind.Limit"/>.</value>
    public OrderKind Kind { get; init; } = OrderKind.Limit;

    /// <summary>The quantity in units; a multiple of the instrument's lot size.</summary>
    public required long Quantity { get; init; }

    /// <summary>How long the order may live.</summary>
    /// <value>The default value is <see cref="TimeInForce.Gtc"/>.</value>
    public TimeInForce TimeInForce { get; init; } = TimeInForce.Gtc;

    /// <summary>When a <see cref="TimeInForce.Day"/> or <see cref="TimeInForce.Gtd"/> order expires (required for them,
    /// ignored for the others): a durable timer then cancels it at the engine.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The saga's knobs (retries, waits, history size).</summary>
    public OrderToClearingSettings Settings { get; init; } = new();

    /// <summary>The state carried over by <c>ContinueAsNew</c>; <see langword="null"/> when the saga starts.</summary>
    public OrderToClearingState? Carried { get; init; }
}
