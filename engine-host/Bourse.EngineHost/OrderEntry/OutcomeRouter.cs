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
/// Runs on the shards' commit threads (one call per batch per shard), off the matching threads: it hands each report's
/// source (<see cref="ReportSource"/>) to the sessions, which write it into their output buffer (a stream) or build a
/// message (a unary call), and only enqueue.
/// </remarks>
internal sealed class OutcomeRouter(OrderSessions sessions, ClientOrderRegistry registry, TimeProvider timeProvider) : IShardEventSink
{
    private readonly ConcurrentDictionary<int, ReportCounter> _reportSequences = new();

    /// <summary>The sessions this commit thread delivered to in the current batch: their writers are woken at its end.</summary>
    [ThreadStatic]
    private static List<IOrderSession>? t_delivered;

    public void OnCommitted(ReadOnlySpan<CommittedCommand> commands, ReadOnlySpan<MatchEvent> events)
    {
        var delivered = t_delivered ??= [];
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
        foreach (ref readonly var committed in commands)
        {
            var produced = events.Slice(committed.FirstEvent, committed.EventCount);
            var known = registry.TryGetByEngineOrderId(committed.Command.OrderId, out var order);
            if (committed.Command.Type is CommandType.NewOrder or CommandType.Market && known)
            {
                order.Journalled(committed.CommandSequence);
                if (produced.Length > 0 && produced[0].Type == EventType.Rejected)
                {
                    order.Reject(ContractMapping.ToContract(produced[0].RejectReason));
                }
            }

            var clientOrderId = known ? order.ClientOrderId : null;

            IOrderSession? submitter = null;
            if (committed.SessionId != 0)
            {
                sessions.TryGet(committed.SessionId, out submitter);
            }

            var sequence = _reportSequences.GetOrAdd(committed.InstrumentId, _ => new ReportCounter());
            var trace = committed.TraceId == default ? null : TraceContexts.Get(committed.TraceId, committed.SpanId);
            foreach (ref readonly var e in produced)
            {
                if (e.Type == EventType.LevelChanged)
                {
                    continue;
                }

                if (submitter is not null)
                {
                    submitter.Deliver(new ReportSource(in committed, in e, clientOrderId, known ? order.AccountId : e.AccountId, e.OrderId, ++sequence.Value, now, trace));
                    Touched(delivered, submitter);
                }

                if (e.Type == EventType.Trade && registry.TryGetByEngineOrderId(e.MakerOrderId, out var maker) &&
                    maker.SessionId != 0 && sessions.TryGet(maker.SessionId, out var makerSession))
                {
                    makerSession.Deliver(new ReportSource(in committed, in e, maker.ClientOrderId, maker.AccountId, e.MakerOrderId, ++sequence.Value, now, trace));
                    Touched(delivered, makerSession);
                }
            }

            submitter?.CommandDone(committed.Correlation);
        }

        // Why at the end of the batch and not at each report: a writer woken by the first report of a batch would take
        // it alone (and flush it) while the commit thread goes on writing the rest; woken here, it sends the session's
        // whole share of the batch in one flush.
        foreach (var session in delivered)
        {
            session.ReportsDelivered();
        }

        delivered.Clear();
    }

    private static void Touched(List<IOrderSession> delivered, IOrderSession session)
    {
        // A batch touches a few sessions (the streams of its commands and their makers): a scan beats a set.
        foreach (var known in delivered)
        {
            if (ReferenceEquals(known, session))
            {
                return;
            }
        }

        delivered.Add(session);
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
        private static TraceContextEntry?[]? t_entries;

        public static TraceContextEntry Get(ActivityTraceId traceId, ActivitySpanId spanId)
        {
            var entries = t_entries ??= new TraceContextEntry?[Slots];
            ref var entry = ref entries[(int)((uint)spanId.GetHashCode() % Slots)];
            if (entry is null || entry.TraceId != traceId || entry.SpanId != spanId)
            {
                entry = new TraceContextEntry(traceId, spanId);
            }

            return entry;
        }
    }

    /// <summary>A mutable per-instrument counter that one shard thread increments.</summary>
    private sealed class ReportCounter
    {
        public long Value;
    }
}
