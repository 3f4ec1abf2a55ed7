using System.Collections.Concurrent;
using System.Diagnostics;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Contracts;
using Bourse.EngineHost.Sharding;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// Turns each committed command's events into execution reports for the sessions concerned: the submitter gets every
/// report of its command (acceptance or rejection, fills, cancels, replace), a resting order's session gets its fills
/// as a maker. Also records the engine's verdict on each client order, so that a retry is answered with it.
/// </summary>
/// <remarks>
/// Runs on the shards' commit threads (one call per batch per shard), off the matching threads: it builds messages and
/// hands them to sessions, which only enqueue. Building protobuf messages allocates; that is the order-entry edge, not
/// the book's hot path.
/// </remarks>
internal sealed class OutcomeRouter(OrderSessions sessions, ClientOrderRegistry registry, TimeProvider timeProvider) : IShardEventSink
{
    private readonly ConcurrentDictionary<int, ReportCounter> _reportSequences = new();

    public void OnCommitted(ReadOnlySpan<CommittedCommand> commands, ReadOnlySpan<MatchEvent> events)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        foreach (ref readonly var committed in commands)
        {
            var produced = events.Slice(committed.FirstEvent, committed.EventCount);
            registry.TryGetByEngineOrderId(committed.Command.OrderId, out var order);
            if (committed.Command.Type is CommandType.NewOrder or CommandType.Market && order is not null)
            {
                order.Journalled(committed.CommandSequence);
                if (produced.Length > 0 && produced[0].Type == EventType.Rejected)
                {
                    order.Rejection = ContractMapping.ToContract(produced[0].RejectReason);
                }
            }

            IOrderSession? submitter = null;
            if (committed.SessionId != 0)
            {
                sessions.TryGet(committed.SessionId, out submitter);
            }

            var sequence = _reportSequences.GetOrAdd(committed.InstrumentId, _ => new ReportCounter());
            foreach (ref readonly var e in produced)
            {
                if (e.Type == EventType.LevelChanged)
                {
                    continue;
                }

                if (submitter is not null)
                {
                    submitter.Deliver(Report(committed, e, order, e.OrderId, ++sequence.Value, now));
                }

                if (e.Type == EventType.Trade && registry.TryGetByEngineOrderId(e.MakerOrderId, out var maker) &&
                    maker.SessionId != 0 && sessions.TryGet(maker.SessionId, out var makerSession))
                {
                    makerSession.Deliver(Report(committed, e, maker, e.MakerOrderId, ++sequence.Value, now));
                }
            }

            submitter?.CommandDone(committed.Correlation);
        }
    }

    private static V1.ExecutionReport Report(in CommittedCommand committed, in MatchEvent e, ClientOrder? order, long orderId, long reportSequence, long now)
    {
        var report = new V1.ExecutionReport
        {
            InstrumentId = committed.InstrumentId,
            OrderId = orderId,
            ClientOrderId = order?.ClientOrderId ?? string.Empty,
            AccountId = order?.AccountId ?? (orderId == e.OrderId ? e.AccountId : e.MakerAccountId),
            InstrumentSequence = reportSequence,
            EventSequence = e.Sequence,
            CommandSequence = committed.CommandSequence,
            TransactTimeUnixNanos = now,
            CorrelationId = orderId == e.OrderId ? committed.Correlation : 0,
        };
        if (committed.TraceId != default)
        {
            report.TraceContext = TraceContexts.Get(committed.TraceId, committed.SpanId);
        }

        switch (e.Type)
        {
            case EventType.Accepted:
                report.Accepted = new V1.OrderAccepted
                {
                    Side = ContractMapping.ToContract(e.Side),
                    OrderType = committed.Command.Type == CommandType.Market ? V1.OrderType.Market : V1.OrderType.Limit,
                    TimeInForce = committed.Command.Type == CommandType.Market ? V1.TimeInForce.Unspecified : ContractMapping.ToContract(committed.Command.TimeInForce),
                    PriceTicks = e.Price,
                    Quantity = e.Quantity,
                };
                break;
            case EventType.Rejected:
                report.Rejected = new V1.OrderRejected
                {
                    Reason = ContractMapping.ToContract(e.RejectReason),
                    RequestKind = ContractMapping.ToRequestKind(committed.Command.Type),
                };
                break;
            case EventType.Trade:
                report.Fill = new V1.Fill
                {
                    TradeId = e.Sequence,
                    TakerOrderId = e.OrderId,
                    MakerOrderId = e.MakerOrderId,
                    PriceTicks = e.Price,
                    Quantity = e.Quantity,
                    AggressorSide = ContractMapping.ToContract(e.Side),
                    LeavesQuantity = orderId == e.OrderId ? e.LeavesQuantity : e.MakerLeavesQuantity,
                };
                break;
            case EventType.Cancelled:
                report.Cancelled = new V1.OrderCancelled
                {
                    Reason = ContractMapping.ToContract(e.CancelReason),
                    CancelledQuantity = e.Quantity,
                    Side = ContractMapping.ToContract(e.Side),
                    PriceTicks = e.Price,
                };
                break;
            case EventType.Replaced:
                report.Replaced = new V1.OrderReplaced
                {
                    Side = ContractMapping.ToContract(e.Side),
                    PriceTicks = e.Price,
                    Quantity = e.Quantity,
                };
                break;
            default:
                throw new UnreachableException($"No execution report for {e.Type}.");
        }

        return report;
    }

    /// <summary>
    /// The trace context of recent (trace, span) pairs, one small table per commit thread, so that the reports of a
    /// stream's commands share one message instead of formatting the same <c>traceparent</c> for each report.
    /// </summary>
    /// <remarks>
    /// Why: every command of a <c>Trade</c> stream carries the stream's span when the client sends no trace context of
    /// its own, so under load every report formatted the same 55 characters (two hex conversions and an interpolated
    /// string) and allocated a string and a message. A shared message is safe: reports are only serialized, never
    /// changed after they are built. Direct-mapped by span id; a miss formats and replaces the slot.
    /// <c>OutcomeRouterTests</c> checks that the reports still carry each command's own trace context.
    /// </remarks>
    private static class TraceContexts
    {
        private const int Slots = 64;

        [ThreadStatic]
        private static Entry[]? t_entries;

        public static V1.TraceContext Get(ActivityTraceId traceId, ActivitySpanId spanId)
        {
            var entries = t_entries ??= new Entry[Slots];
            ref var entry = ref entries[(int)((uint)spanId.GetHashCode() % Slots)];
            if (entry.Context is null || entry.TraceId != traceId || entry.SpanId != spanId)
            {
                entry = new Entry(traceId, spanId, new V1.TraceContext { Traceparent = $"00-{traceId.ToHexString()}-{spanId.ToHexString()}-01" });
            }

            return entry.Context!;
        }

        private readonly record struct Entry(ActivityTraceId TraceId, ActivitySpanId SpanId, V1.TraceContext? Context);
    }

    /// <summary>A mutable per-instrument counter that one shard thread increments.</summary>
    private sealed class ReportCounter
    {
        public long Value;
    }
}
