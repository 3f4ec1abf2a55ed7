using Bourse.Contracts.Engine.V1;
using Google.Protobuf;

namespace Bourse.Contracts.Tests.Messages;

/// <summary>Messages survive the binary and JSON encodings, and a reader of this version keeps what a newer writer added.</summary>
public sealed class RoundTripTests
{
    private static readonly TraceContext Trace = new()
    {
        Traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        Tracestate = "bourse=1",
    };

    public static TheoryData<string> MessageNames => [.. Samples().Keys];

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Every_sample_sets_every_field_so_the_round_trips_cover_them(string name)
    {
        var message = Samples()[name];

        var fields = message.Descriptor.Fields.InFieldNumberOrder();
        var unset = fields.Where(f => f.RealContainingOneof is null && IsDefault(f.Accessor.GetValue(message))).Select(f => f.Name);
        var unsetOneofs = message.Descriptor.Oneofs.Where(o => !o.IsSynthetic && o.Accessor.GetCaseFieldDescriptor(message) is null).Select(o => o.Name);

        Assert.Empty(unset.Concat(unsetOneofs));
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Binary_round_trip_keeps_every_field(string name)
    {
        var message = Samples()[name];

        var parsed = message.Descriptor.Parser.ParseFrom(message.ToByteArray());

        Assert.Equal(message, parsed);
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Json_round_trip_keeps_every_field(string name)
    {
        var message = Samples()[name];

        var json = JsonFormatter.Default.Format(message);
        var parsed = JsonParser.Default.Parse(json, message.Descriptor);

        Assert.Equal(message, parsed);
    }

    [Fact]
    public void Every_oneof_case_of_an_execution_report_round_trips()
    {
        var reports = new[]
        {
            Report(r => r.Accepted = new OrderAccepted { Side = Side.Buy, OrderType = OrderType.Limit, TimeInForce = TimeInForce.Gtc, PriceTicks = 1000, Quantity = 300 }),
            Report(r => r.Rejected = new OrderRejected { Reason = RejectReason.PriceBand, RequestKind = RequestKind.Replace, ClientRequestId = "r-9", Text = "price 1250 outside band [900, 1100]" }),
            Report(r => r.Fill = new Fill { TradeId = 77, TakerOrderId = 42, MakerOrderId = 17, PriceTicks = 999, Quantity = 100, AggressorSide = Side.Sell, LeavesQuantity = 200 }),
            Report(r => r.Cancelled = new OrderCancelled { Reason = CancelReason.SelfTradePrevention, CancelledQuantity = 200, Side = Side.Buy, PriceTicks = 1000 }),
            Report(r => r.Replaced = new OrderReplaced { Side = Side.Buy, PriceTicks = 1001, Quantity = 150 }),
        };

        Assert.Equal(
            [ExecutionReport.EventOneofCase.Accepted, ExecutionReport.EventOneofCase.Rejected, ExecutionReport.EventOneofCase.Fill,
             ExecutionReport.EventOneofCase.Cancelled, ExecutionReport.EventOneofCase.Replaced],
            reports.Select(r => r.EventCase));
        Assert.All(reports, report => Assert.Equal(report, ExecutionReport.Parser.ParseFrom(report.ToByteArray())));
    }

    [Fact]
    public void Every_request_case_of_the_stream_round_trips()
    {
        var requests = new[]
        {
            new OrderEntryRequest { CorrelationId = 1, NewOrder = (NewOrderRequest)Samples()["NewOrderRequest"] },
            new OrderEntryRequest { CorrelationId = 2, Cancel = new CancelRequest { ClientRequestId = "c-1", AccountId = 7, InstrumentId = 600000, OrderId = 42 } },
            new OrderEntryRequest { CorrelationId = 3, Replace = new ReplaceRequest { ClientRequestId = "r-1", AccountId = 7, InstrumentId = 600000, ClientOrderId = "o-1", PriceTicks = 1001, Quantity = 100 } },
        };

        Assert.Equal(
            [OrderEntryRequest.RequestOneofCase.NewOrder, OrderEntryRequest.RequestOneofCase.Cancel, OrderEntryRequest.RequestOneofCase.Replace],
            requests.Select(r => r.RequestCase));
        Assert.All(requests, request => Assert.Equal(request, OrderEntryRequest.Parser.ParseFrom(request.ToByteArray())));
    }

    [Fact]
    public void Unset_fields_read_as_unspecified_and_zero()
    {
        var empty = NewOrderRequest.Parser.ParseFrom(ReadOnlySpan<byte>.Empty);

        Assert.Equal(Side.Unspecified, empty.Side);
        Assert.Equal(OrderType.Unspecified, empty.OrderType);
        Assert.Equal(TimeInForce.Unspecified, empty.TimeInForce);
        Assert.Equal(0, empty.PriceTicks);
        Assert.Equal("", empty.ClientOrderId);
        Assert.Null(empty.TraceContext);
    }

    [Fact]
    public void A_field_added_by_a_newer_writer_survives_this_reader_and_its_rewrite()
    {
        // A newer NewOrderRequest with field 15 (free for order terms) = 123, read and written again by this version.
        var original = (NewOrderRequest)Samples()["NewOrderRequest"];
        var newer = original.ToByteArray().Concat(Varint(fieldNumber: 15, value: 123)).ToArray();

        var read = NewOrderRequest.Parser.ParseFrom(newer);

        Assert.Equal(original.ClientOrderId, read.ClientOrderId);
        Assert.Equal(original.Quantity, read.Quantity);
        Assert.Equal(newer, read.ToByteArray());
    }

    [Fact]
    public void An_enum_value_added_by_a_newer_writer_is_kept_as_its_number()
    {
        // A newer host with a reject reason this reader does not know (field 2 of OrderAck = 150).
        var read = OrderAck.Parser.ParseFrom(Varint(fieldNumber: 2, value: 150));

        Assert.Equal(150, (int)read.RejectReason);
        Assert.Equal(Varint(fieldNumber: 2, value: 150), read.ToByteArray());
    }

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        bool flag => !flag,
        System.Collections.IList list => list.Count == 0,
        System.Enum enumValue => Convert.ToInt64(enumValue, System.Globalization.CultureInfo.InvariantCulture) == 0,
        int or long or uint or ulong => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) == 0,
        _ => false,
    };

    private static byte[] Varint(int fieldNumber, long value)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(fieldNumber, WireFormat.WireType.Varint);
        output.WriteInt64(value);
        output.Flush();
        return buffer.ToArray();
    }

    private static ExecutionReport Report(Action<ExecutionReport> setEvent)
    {
        var report = new ExecutionReport
        {
            InstrumentId = 600000,
            OrderId = 42,
            ClientOrderId = "o-1",
            AccountId = 7,
            InstrumentSequence = 5,
            EventSequence = 12,
            CommandSequence = 9,
            TransactTimeUnixNanos = 1_767_225_600_123_456_789,
            CorrelationId = 3,
            Resent = true,
            TraceContext = Trace,
        };
        setEvent(report);
        return report;
    }

    /// <summary>One instance of each top-level message with every field set to a value that is not the default.</summary>
    private static Dictionary<string, IMessage> Samples()
    {
        var newOrder = new NewOrderRequest
        {
            ClientOrderId = "o-1",
            AccountId = 7,
            UserId = "trader-1",
            InstrumentId = 600000,
            Side = Side.Sell,
            OrderType = OrderType.Limit,
            TimeInForce = TimeInForce.PostOnly,
            PriceTicks = 10_050,
            Quantity = 300,
            TraceContext = Trace,
        };
        var messages = new IMessage[]
        {
            newOrder,
            new CancelRequest { ClientRequestId = "c-1", AccountId = 7, UserId = "trader-1", InstrumentId = 600000, ClientOrderId = "o-1", TraceContext = Trace },
            new ReplaceRequest { ClientRequestId = "r-1", AccountId = 7, UserId = "trader-1", InstrumentId = 600000, OrderId = 42, PriceTicks = 10_060, Quantity = 200, TraceContext = Trace },
            new OrderEntryRequest { CorrelationId = long.MaxValue, NewOrder = newOrder },
            new OrderAck
            {
                Status = OrderAckStatus.Rejected,
                RejectReason = RejectReason.ClientIdReused,
                RejectText = "o-1 was a different order",
                Duplicate = true,
                ClientRequestId = "o-1",
                ClientOrderId = "o-1",
                OrderId = 42,
                InstrumentId = 600000,
                CommandSequence = 9,
                TransactTimeUnixNanos = 1_767_225_600_123_456_789,
            },
            Report(r => r.Fill = new Fill { TradeId = 77, TakerOrderId = 42, MakerOrderId = 17, PriceTicks = 999, Quantity = 100, AggressorSide = Side.Sell, LeavesQuantity = 200 }),
            new BookUpdate
            {
                InstrumentId = 600000,
                InstrumentSequence = 3,
                EventSequence = 14,
                CommandSequence = 9,
                TransactTimeUnixNanos = 1_767_225_600_123_456_789,
                Snapshot = true,
                Levels =
                {
                    new LevelChange { Side = Side.Buy, PriceTicks = 999, TotalQuantity = 500, OrderCount = 2 },
                    new LevelChange { Side = Side.Sell, PriceTicks = 1001, TotalQuantity = 0, OrderCount = 0 },
                },
            },
        };
        return messages.ToDictionary(m => m.Descriptor.Name);
    }
}
