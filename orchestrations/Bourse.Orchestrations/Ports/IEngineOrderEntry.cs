using Bourse.Domain.Risk;

namespace Bourse.Orchestrations.Ports;

/// <summary>
/// Order entry at the engine host (a port: the adapter calls the <c>OrderEntry</c> gRPC service of
/// <c>engine-host/protos/bourse/engine/v1/order_entry.proto</c>). The engine is idempotent by (account, client id): a
/// repeated request gets the original answer, so the activities may call these more than once.
/// </summary>
public interface IEngineOrderEntry
{
    /// <summary>Enters a new limit order; answers once the engine has accepted or refused it.</summary>
    /// <remarks>Throw for a transient failure (unavailable, throttled, shutting down): the saga retries. A refusal by the
    /// engine (tick, lot, band, unknown account, ...) is an answer, not an exception.</remarks>
    ValueTask<EngineSubmission> SubmitAsync(EngineOrder order, CancellationToken cancellationToken = default);

    /// <summary>Cancels a live order named by its client order id; answers once the engine has cancelled it or refused
    /// the cancel (an order already finished is refused as unknown, which is fine for the saga).</summary>
    ValueTask<EngineCancelResult> CancelAsync(EngineCancel cancel, CancellationToken cancellationToken = default);
}

/// <summary>A new order for the engine. Prices are in ticks, as the engine holds them.</summary>
/// <param name="ClientOrderId">The idempotency key and the order's name in every execution report.</param>
/// <param name="AccountId">The back office's account id (the adapter maps it to the engine's).</param>
/// <param name="UserId">Who acts for the account.</param>
/// <param name="InstrumentId">The book.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="PriceTicks">The limit price in ticks (0 for a market order).</param>
/// <param name="Quantity">In units.</param>
/// <param name="TimeInForce">As the order asked; the adapter sends <see cref="TimeInForce.Gtd"/> as GTC (the engine has no
/// GTD: the saga's timer cancels it).</param>
/// <param name="OrderId">The saga's order id (instance id): the SubmitToEngine step links the engine order to it. Not sent
/// to the engine.</param>
/// <param name="Market">A market order: it trades at once against the book, the engine cancels the rest.</param>
public sealed record EngineOrder(
    string ClientOrderId, string AccountId, string? UserId, int InstrumentId, OrderSide Side, long PriceTicks, long Quantity,
    TimeInForce TimeInForce, string? OrderId = null, bool Market = false);

/// <summary>The engine's answer to a new order.</summary>
/// <param name="Accepted">Accepted (fills may already have happened) or refused.</param>
/// <param name="EngineOrderId">The engine's order id when accepted.</param>
/// <param name="RejectReason">The engine's reject reason when refused (<c>REJECT_REASON_PRICE_BAND</c>, ...).</param>
/// <param name="Text">The engine's detail.</param>
public sealed record EngineSubmission(bool Accepted, long? EngineOrderId, string? RejectReason = null, string? Text = null);

/// <summary>A cancel for the engine.</summary>
/// <param name="ClientRequestId">The cancel's own idempotency key.</param>
/// <param name="AccountId">The account that owns the order.</param>
/// <param name="InstrumentId">The order's book.</param>
/// <param name="ClientOrderId">The order to cancel.</param>
public sealed record EngineCancel(string ClientRequestId, string AccountId, int InstrumentId, string ClientOrderId);

/// <summary>The engine's answer to a cancel.</summary>
/// <param name="Accepted">Cancelled, or refused (the order had already finished, or was unknown).</param>
/// <param name="RejectReason">The engine's reason when refused.</param>
public sealed record EngineCancelResult(bool Accepted, string? RejectReason = null);
