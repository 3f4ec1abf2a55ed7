using Bourse.Engine.Matching;
using Bourse.EngineHost.Publishing;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.Publishing;

public sealed class ProtobufEventBodyEncoderTests
{
    [Fact]
    public void A_command_becomes_a_report_per_order_event_two_per_trade_and_one_book_update_with_its_level_changes()
    {
        var sink = new RecordingSink(executions: 10, bookUpdates: 3);
        PublishSlot[] events =
        [
            Slot(new MatchEvent { Sequence = 21, Type = EventType.Accepted, OrderId = 5, AccountId = 77, Side = Side.Buy, Price = 1_000, Quantity = 30 }),
            Slot(new MatchEvent
            {
                Sequence = 22, Type = EventType.Trade, OrderId = 5, AccountId = 77, LeavesQuantity = 20, MakerOrderId = 2, MakerAccountId = 88,
                MakerLeavesQuantity = 4, Side = Side.Buy, Price = 990, Quantity = 10,
            }),
            Slot(new MatchEvent { Sequence = 23, Type = EventType.LevelChanged, Side = Side.Sell, Price = 990, Quantity = 0, OrderCount = 0 }),
            Slot(new MatchEvent { Sequence = 24, Type = EventType.Cancelled, OrderId = 5, AccountId = 77, Side = Side.Buy, Price = 1_000, Quantity = 20, Reason = (byte)CancelReason.ImmediateOrCancelRemainder }),
            Slot(new MatchEvent { Sequence = 25, Type = EventType.LevelChanged, Side = Side.Buy, Price = 980, Quantity = 7, OrderCount = 2 }),
        ];
        events[0].SetTraceContext(
            System.Diagnostics.ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c"),
            System.Diagnostics.ActivitySpanId.CreateFromString("b7ad6b7169203331"),
            System.Diagnostics.ActivityTraceFlags.Recorded);

        new ProtobufEventBodyEncoder().Encode(new PublishCommand(9, "I9", 40), events, sink);

        var reports = sink.Messages.Where(m => m.Stream == PublishStream.Executions).Select(m => V1.ExecutionReport.Parser.ParseFrom(m.Body)).ToList();
        Assert.Equal([11L, 12, 13, 14], reports.Select(r => r.InstrumentSequence));
        Assert.All(reports, r => Assert.Equal(9, r.InstrumentId));
        Assert.All(reports, r => Assert.Equal(40, r.CommandSequence));
        Assert.All(reports, r => Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", r.TraceContext.Traceparent));
        Assert.Equal(
            [V1.ExecutionReport.EventOneofCase.Accepted, V1.ExecutionReport.EventOneofCase.Fill, V1.ExecutionReport.EventOneofCase.Fill, V1.ExecutionReport.EventOneofCase.Cancelled],
            reports.Select(r => r.EventCase));
        Assert.Equal(new V1.OrderAccepted { Side = V1.Side.Buy, OrderType = V1.OrderType.Limit, PriceTicks = 1_000, Quantity = 30 }, reports[0].Accepted);
        Assert.Equal([5L, 2], reports.Skip(1).Take(2).Select(r => r.OrderId));
        // Each side's report carries its own order's account and what that order has left.
        Assert.Equal([77L, 77, 88, 77], reports.Select(r => r.AccountId));
        Assert.Equal([20L, 4], reports.Skip(1).Take(2).Select(r => r.Fill.LeavesQuantity));
        Assert.All(reports.Skip(1).Take(2), r => Assert.Equal(
            new V1.Fill { TradeId = 22, TakerOrderId = 5, MakerOrderId = 2, PriceTicks = 990, Quantity = 10, AggressorSide = V1.Side.Buy, LeavesQuantity = r.Fill.LeavesQuantity },
            r.Fill));
        // Not in the published reports: see the encoder's remarks.
        Assert.All(reports, r => Assert.Equal(("", 0L), (r.ClientOrderId, r.TransactTimeUnixNanos)));
        Assert.Equal(new V1.OrderCancelled { Reason = V1.CancelReason.ImmediateOrCancelRemainder, CancelledQuantity = 20, Side = V1.Side.Buy, PriceTicks = 1_000 }, reports[3].Cancelled);
        Assert.All(sink.Messages.Where(m => m.Stream == PublishStream.Executions), m => Assert.Equal(ProtobufEventBodyEncoder.ExecutionReportContentType, m.ContentType));

        var update = V1.BookUpdate.Parser.ParseFrom(Assert.Single(sink.Messages, m => m.Stream == PublishStream.BookUpdates).Body);
        Assert.Equal(4, update.InstrumentSequence);
        Assert.Equal(25, update.EventSequence);
        Assert.Equal(40, update.CommandSequence);
        Assert.False(update.Snapshot);
        Assert.Equal(
            [new V1.LevelChange { Side = V1.Side.Sell, PriceTicks = 990 }, new V1.LevelChange { Side = V1.Side.Buy, PriceTicks = 980, TotalQuantity = 7, OrderCount = 2 }],
            update.Levels);
    }

    [Fact]
    public void Rejections_replaces_and_market_orders_map_to_the_contracts_values_and_encoding_is_deterministic()
    {
        PublishSlot[] events =
        [
            Slot(new MatchEvent { Sequence = 1, Type = EventType.Rejected, OrderId = 8, Reason = (byte)RejectReason.PriceBand }),
            Slot(new MatchEvent { Sequence = 2, Type = EventType.Replaced, OrderId = 3, Side = Side.Sell, Price = 1_010, Quantity = 4 }),
            Slot(new MatchEvent { Sequence = 3, Type = EventType.Accepted, OrderId = 9, Side = Side.Sell, Price = 0, Quantity = 6 }),
        ];
        var first = new RecordingSink(0, 0);
        var second = new RecordingSink(0, 0);

        new ProtobufEventBodyEncoder().Encode(new PublishCommand(1, "1", 7), events, first);
        new ProtobufEventBodyEncoder().Encode(new PublishCommand(1, "1", 7), events, second);

        var reports = first.Messages.Select(m => V1.ExecutionReport.Parser.ParseFrom(m.Body)).ToList();
        Assert.Equal(V1.RejectReason.PriceBand, reports[0].Rejected.Reason);
        Assert.Equal(new V1.OrderReplaced { Side = V1.Side.Sell, PriceTicks = 1_010, Quantity = 4 }, reports[1].Replaced);
        Assert.Equal(V1.OrderType.Market, reports[2].Accepted.OrderType);
        Assert.Null(reports[0].TraceContext);
        Assert.Equal(first.Messages.Select(m => m.Body), second.Messages.Select(m => m.Body));
    }

    private static PublishSlot Slot(MatchEvent e) => new() { Event = e, Sequence = e.Sequence, CommandSequence = e.CommandSequence, Kind = PublishSlotKind.Event };

    private sealed class RecordingSink(long executions, long bookUpdates) : IPublishMessageSink
    {
        private readonly long[] _last = [executions, bookUpdates];

        public List<(PublishStream Stream, byte[] Body, string ContentType)> Messages { get; } = [];

        public long NextSequence(PublishStream stream) => _last[(int)stream] + 1;

        public void Add(PublishStream stream, ReadOnlyMemory<byte> body, string contentType)
        {
            _last[(int)stream]++;
            Messages.Add((stream, body.ToArray(), contentType));
        }
    }
}
