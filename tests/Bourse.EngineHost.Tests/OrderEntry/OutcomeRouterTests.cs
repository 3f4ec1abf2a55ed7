using System.Diagnostics;
using Bourse.Engine.Matching;
using Bourse.EngineHost.OrderEntry;
using Bourse.EngineHost.Sharding;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.OrderEntry;

public sealed class OutcomeRouterTests
{
    [Fact]
    public void Each_report_carries_its_own_commands_trace_context_while_commands_of_one_span_share_it()
    {
        var sessions = new OrderSessions();
        var session = new RecordingSession(sessions.NextId());
        sessions.Add(session);
        var router = new OutcomeRouter(sessions, new ClientOrderRegistry(), TimeProvider.System);

        // 300 spans over a 64-slot table: collisions and evictions, each span's commands twice, interleaved.
        var spans = Enumerable.Range(0, 300).Select(_ => (Trace: ActivityTraceId.CreateRandom(), Span: ActivitySpanId.CreateRandom())).ToArray();
        var order = spans.Concat(spans.Reverse()).Append((Trace: default(ActivityTraceId), Span: default(ActivitySpanId))).ToArray();
        var commands = order.Select((s, i) => new CommittedCommand(
            OrderCommand.Cancel(i + 1), 1, i + 1, session.Id, i, s.Trace, s.Span, i, 1)).ToArray();
        var events = order.Select((_, i) => new MatchEvent { Type = EventType.Cancelled, OrderId = i + 1, Sequence = i + 1, Side = Side.Buy, Reason = (byte)CancelReason.Requested }).ToArray();

        router.OnCommitted(commands, events);

        Assert.Equal(order.Length, session.Reports.Count);
        for (var i = 0; i < order.Length - 1; i++)
        {
            Assert.Equal($"00-{order[i].Trace.ToHexString()}-{order[i].Span.ToHexString()}-01", session.Reports[i].TraceContext.Traceparent);
        }

        Assert.Null(session.Reports[^1].TraceContext);
        Assert.Same(session.Reports[299].TraceContext, session.Reports[300].TraceContext);
    }

    private sealed class RecordingSession(long id) : IOrderSession
    {
        public long Id { get; } = id;

        public List<V1.ExecutionReport> Reports { get; } = [];

        public void Deliver(in ReportSource report) => Reports.Add(ExecutionReports.Build(report));

        public void CommandDone(long correlation)
        {
        }
    }
}
