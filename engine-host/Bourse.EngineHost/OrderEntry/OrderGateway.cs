using System.Diagnostics;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Contracts;
using Bourse.EngineHost.Sharding;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// Order entry's one path into the shards, shared by the unary calls and the bidirectional stream: validates a request,
/// makes it idempotent by client order id, and submits it to the shard of its instrument. The outcome comes back to the
/// session through the <see cref="OutcomeRouter"/> once the shard has journalled and matched the command.
/// </summary>
/// <remarks>
/// Thread-safe. Checks here are the ones the engine cannot make (instrument, account, ids, enums); price and quantity
/// rules (tick, lot, band, positive values) are the engine's, so that there is one source of truth and every
/// rejection of an order that reached a shard is in its journal.
/// </remarks>
internal sealed class OrderGateway(IReadOnlyDictionary<int, ShardPipeline> shardsByInstrument, ClientOrderRegistry registry)
{
    /// <summary>The longest client order or request id accepted.</summary>
    public const int MaxClientIdLength = 64;

    public ClientOrderRegistry Registry => registry;

    /// <summary>Submits a new order.</summary>
    /// <returns>
    /// Null when the command went to its shard (the outcome follows through the session); otherwise the immediate
    /// answer: a refusal, or for a retried client order id the original order (<see cref="V1.OrderAck.Duplicate"/>).
    /// </returns>
    /// <param name="keys">The stream's cache of client order keys; null for a unary call.</param>
    public V1.OrderAck? Submit(V1.NewOrderRequest request, long sessionId, long correlation, ClientOrderKeyCache? keys = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SubmitNewOrder(TradeRequestFields.From(request), sessionId, correlation, keys);
    }

    /// <summary>Submits a cancel. Returns null when it went to the shard, else the refusal.</summary>
    public V1.OrderAck? Submit(V1.CancelRequest request, long sessionId, long correlation, ClientOrderKeyCache? keys = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SubmitCancel(TradeRequestFields.From(request), sessionId, correlation, keys);
    }

    /// <summary>Submits a replace. Returns null when it went to the shard, else the refusal.</summary>
    public V1.OrderAck? Submit(V1.ReplaceRequest request, long sessionId, long correlation, ClientOrderKeyCache? keys = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SubmitReplace(TradeRequestFields.From(request), sessionId, correlation, keys);
    }

    /// <summary>Submits a request of any kind (as the Trade stream reads them); the answer as for each kind's <c>Submit</c>.</summary>
    public V1.OrderAck? Submit(in TradeRequestFields request, long sessionId, ClientOrderKeyCache? keys) => request.Kind switch
    {
        V1.OrderEntryRequest.RequestOneofCase.NewOrder => SubmitNewOrder(request, sessionId, request.CorrelationId, keys),
        V1.OrderEntryRequest.RequestOneofCase.Cancel => SubmitCancel(request, sessionId, request.CorrelationId, keys),
        V1.OrderEntryRequest.RequestOneofCase.Replace => SubmitReplace(request, sessionId, request.CorrelationId, keys),
        _ => Reject(V1.RejectReason.InvalidRequest, "empty request"),
    };

    private V1.OrderAck? SubmitNewOrder(in TradeRequestFields request, long sessionId, long correlation, ClientOrderKeyCache? keys)
    {
        if (Refuse(request.ClientOrderId, request.AccountId, request.InstrumentId, out var shard) is { } refused)
        {
            return refused.WithOrder(request.ClientOrderId.AsString(), request.InstrumentId);
        }

        if (!ContractMapping.TryToEngine(request.Side, out var side) || !ContractMapping.TryToCommandType(request.OrderType, out var type) ||
            (type == CommandType.NewOrder && !ContractMapping.TryToEngine(request.TimeInForce, out _)))
        {
            return Reject(V1.RejectReason.InvalidRequest, "side, order type and (for a limit order) time in force must be given").WithOrder(request.ClientOrderId.AsString(), request.InstrumentId);
        }

        _ = ContractMapping.TryToEngine(request.TimeInForce, out var timeInForce);
        // The registry keeps the id's string (reports carry it), so a new order builds it here, once, and the stream's
        // cache keeps it for the order's cancels and replaces.
        var clientOrderId = request.ClientOrderId.AsString();
        var key = keys?.Get(request.AccountId, clientOrderId) ?? ClientOrderKey.Compute(request.AccountId, clientOrderId);
        var (order, created) = registry.Register(key, clientOrderId, request.AccountId, request.InstrumentId, type, timeInForce);
        if (!created)
        {
            return Duplicate(order, clientOrderId);
        }

        order.SetSession(sessionId);
        var command = type == CommandType.Market
            ? OrderCommand.MarketOrder(order.EngineOrderId, side, request.Quantity, request.AccountId)
            : OrderCommand.NewOrder(order.EngineOrderId, side, request.PriceTicks, request.Quantity, timeInForce, request.AccountId);
        command.ClientOrderKey = key;
        return Enqueue(shard, command, request.InstrumentId, sessionId, correlation, request.TraceContext)
            ?.WithOrder(clientOrderId, request.InstrumentId);
    }

    private V1.OrderAck? SubmitCancel(in TradeRequestFields request, long sessionId, long correlation, ClientOrderKeyCache? keys)
    {
        if (Refuse(request.ClientRequestId, request.AccountId, request.InstrumentId, out var shard) is { } refused)
        {
            return refused;
        }

        if (Target(request, keys, out var target) is { } unknown)
        {
            return unknown;
        }

        target.SetSession(sessionId);
        return Enqueue(shard, OrderCommand.Cancel(target.EngineOrderId), request.InstrumentId, sessionId, correlation, request.TraceContext);
    }

    private V1.OrderAck? SubmitReplace(in TradeRequestFields request, long sessionId, long correlation, ClientOrderKeyCache? keys)
    {
        if (Refuse(request.ClientRequestId, request.AccountId, request.InstrumentId, out var shard) is { } refused)
        {
            return refused;
        }

        if (Target(request, keys, out var target) is { } unknown)
        {
            return unknown;
        }

        target.SetSession(sessionId);
        return Enqueue(shard, OrderCommand.Replace(target.EngineOrderId, request.PriceTicks, request.Quantity), request.InstrumentId, sessionId, correlation, request.TraceContext);
    }

    private V1.OrderAck? Refuse(ClientIdRef clientId, long accountId, int instrumentId, out ShardPipeline shard)
    {
        if (!shardsByInstrument.TryGetValue(instrumentId, out shard!))
        {
            return Reject(V1.RejectReason.UnknownInstrument, $"instrument {instrumentId} is not traded here");
        }

        if (accountId <= 0)
        {
            return Reject(V1.RejectReason.UnknownAccount, "account_id must be positive");
        }

        if (!IsClientIdShapeValid(clientId))
        {
            return Reject(V1.RejectReason.InvalidRequest, $"the client id must have 1 to {MaxClientIdLength} characters");
        }

        return null;
    }

    private V1.OrderAck? Target(in TradeRequestFields request, ClientOrderKeyCache? keys, out ClientOrder target)
    {
        // A target client id that no order can have is unknown, not an error: hashing an empty one throws, and a huge one
        // would be hashed in a stack buffer of its size.
        var found = request.TargetIsOrderId
            ? registry.TryGetByEngineOrderId(request.OrderId, out target)
            : IsClientIdShapeValid(request.ClientOrderId)
                ? registry.TryGet(request.ClientOrderId.Key(request.AccountId, keys), out target)
                : NotFound(out target);
        if (!found || target.AccountId != request.AccountId || target.InstrumentId != request.InstrumentId)
        {
            // Another account's order is reported as unknown: its existence is not the caller's business.
            return Reject(V1.RejectReason.UnknownOrder, "no such order for this account and instrument");
        }

        return null;
    }

    private static bool IsClientIdShapeValid(ClientIdRef clientId) => clientId.Length is > 0 and <= MaxClientIdLength;

    private static bool NotFound(out ClientOrder target)
    {
        target = default;
        return false;
    }

    private static V1.OrderAck? Enqueue(ShardPipeline shard, OrderCommand command, int instrumentId, long sessionId, long correlation, V1.TraceContext? trace)
    {
        var slot = new ShardCommand { Command = command, InstrumentId = instrumentId, SessionId = sessionId, Correlation = correlation };
        if (ActivityContext.TryParse(trace?.Traceparent, trace?.Tracestate, out var context) ||
            (Activity.Current is { } current && (context = current.Context) != default))
        {
            slot.TraceId = context.TraceId;
            slot.SpanId = context.SpanId;
        }

        return shard.TrySubmit(slot)
            ? null
            : Reject(V1.RejectReason.Throttled, "the shard is busy or stopping; retry with the same client id");
    }

    private static V1.OrderAck Duplicate(ClientOrder order, string clientOrderId) => new()
    {
        Status = order.Rejection == V1.RejectReason.Unspecified ? V1.OrderAckStatus.Accepted : V1.OrderAckStatus.Rejected,
        RejectReason = order.Rejection,
        Duplicate = true,
        ClientOrderId = clientOrderId,
        OrderId = order.EngineOrderId,
        InstrumentId = order.InstrumentId,
        CommandSequence = order.CommandSequence,
    };

    internal static V1.OrderAck Reject(V1.RejectReason reason, string text) => new()
    {
        Status = V1.OrderAckStatus.Rejected,
        RejectReason = reason,
        RejectText = text,
    };
}

internal static class OrderAckExtensions
{
    public static V1.OrderAck WithOrder(this V1.OrderAck ack, string clientOrderId, int instrumentId)
    {
        ack.ClientOrderId = clientOrderId ?? string.Empty;
        ack.InstrumentId = instrumentId;
        return ack;
    }
}
