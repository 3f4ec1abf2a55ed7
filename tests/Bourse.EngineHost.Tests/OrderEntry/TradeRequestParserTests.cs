using Bourse.EngineHost.OrderEntry;
using Google.Protobuf;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.OrderEntry;

public sealed class TradeRequestParserTests
{
    private static readonly long[] Values = [0, 1, -1, 127, 128, 300, 16_383, 16_384, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue];

    [Fact]
    public void A_request_read_from_its_bytes_means_what_google_protobuf_parses_from_them()
    {
        var random = new Random(11);
        string[] ids = [string.Empty, "o1", "c-17", new string('x', 64), new string('y', 65)];
        for (var i = 0; i < 3_000; i++)
        {
            long Pick() => i < Values.Length ? Values[i] : random.Next(3) == 0 ? Values[random.Next(Values.Length)] : random.NextInt64(-1_000, 1_000_000_000_000);
            string Id() => ids[random.Next(ids.Length)];
            var request = new V1.OrderEntryRequest { CorrelationId = Pick() };
            switch (i % 4)
            {
                case 0:
                    request.NewOrder = new V1.NewOrderRequest
                    {
                        ClientOrderId = Id(), AccountId = Pick(), UserId = Id(), InstrumentId = (int)Pick(), Side = (V1.Side)random.Next(-1, 4),
                        OrderType = (V1.OrderType)random.Next(4), TimeInForce = (V1.TimeInForce)(int)Pick(), PriceTicks = Pick(), Quantity = Pick(),
                    };
                    break;
                case 1:
                    request.Cancel = new V1.CancelRequest { ClientRequestId = Id(), AccountId = Pick(), UserId = Id(), InstrumentId = (int)Pick() };
                    if (random.Next(3) == 0)
                    {
                        request.Cancel.OrderId = Pick();
                    }
                    else if (random.Next(2) == 0)
                    {
                        request.Cancel.ClientOrderId = Id();
                    }

                    break;
                case 2:
                    request.Replace = new V1.ReplaceRequest { ClientRequestId = Id(), AccountId = Pick(), InstrumentId = (int)Pick(), PriceTicks = Pick(), Quantity = Pick() };
                    if (random.Next(2) == 0)
                    {
                        request.Replace.OrderId = Pick();
                    }
                    else
                    {
                        request.Replace.ClientOrderId = Id();
                    }

                    break;
                default:
                    // No request at all: answered "empty request" either way.
                    break;
            }

            var bytes = request.ToByteArray();
            Assert.True(TradeRequestParser.TryParse(bytes, out var direct), request.ToString());
            Assert.Equal(Describe(TradeRequestFields.From(V1.OrderEntryRequest.Parser.ParseFrom(bytes))), Describe(direct));
        }
    }

    [Fact]
    public void A_later_value_of_a_field_and_a_target_given_both_ways_take_the_last_as_google_protobuf_does()
    {
        var first = new V1.OrderEntryRequest { CorrelationId = 1, Replace = new V1.ReplaceRequest { ClientRequestId = "r1", AccountId = 5, InstrumentId = 1, OrderId = 42, PriceTicks = 10 } };
        var second = new V1.ReplaceRequest { ClientOrderId = "o-9", PriceTicks = 11 };
        // The same inner message continued: its fields appended inside one length-delimited request.
        var inner = first.Replace.ToByteArray().Concat(second.ToByteArray()).ToArray();
        var bytes = new V1.OrderEntryRequest { CorrelationId = 3 }.ToByteArray()
            .Concat(new byte[] { (V1.OrderEntryRequest.ReplaceFieldNumber << 3) | 2, (byte)inner.Length }).Concat(inner).ToArray();

        Assert.True(TradeRequestParser.TryParse(bytes, out var direct));
        var parsed = TradeRequestFields.From(V1.OrderEntryRequest.Parser.ParseFrom(bytes));
        Assert.Equal(Describe(parsed), Describe(direct));
        Assert.False(direct.TargetIsOrderId);
        Assert.Equal(11, direct.PriceTicks);
    }

    [Fact]
    public void Requests_off_the_common_shape_are_left_to_google_protobuf()
    {
        var newOrder = new V1.NewOrderRequest { ClientOrderId = "o1", AccountId = 1, InstrumentId = 1, Side = V1.Side.Buy, OrderType = V1.OrderType.Limit, Quantity = 1 };
        V1.OrderEntryRequest[] refused =
        [
            new() { NewOrder = new V1.NewOrderRequest(newOrder) { TraceContext = new V1.TraceContext { Traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" } } },
            new() { NewOrder = new V1.NewOrderRequest(newOrder) { ClientOrderId = "ordre-é" } },
            new() { Cancel = new V1.CancelRequest { ClientRequestId = "c1", AccountId = 1, InstrumentId = 1, ClientOrderId = "€" } },
            new() { Replace = new V1.ReplaceRequest { ClientRequestId = "r1", UserId = "😀", OrderId = 1 } },
        ];
        foreach (var request in refused)
        {
            Assert.False(TradeRequestParser.TryParse(request.ToByteArray(), out _), request.ToString());
        }

        var plain = new V1.OrderEntryRequest { CorrelationId = 7, NewOrder = newOrder }.ToByteArray();
        byte[][] odd =
        [
            // An unknown field (99, varint) inside the new order.
            Wrap(V1.OrderEntryRequest.NewOrderFieldNumber, newOrder.ToByteArray().Concat(new byte[] { 0x98, 0x06, 0x01 }).ToArray()),
            // A cancel's field given a replace's number (price, 12).
            Wrap(V1.OrderEntryRequest.CancelFieldNumber, [(12 << 3) | 0, 5]),
            // The account as a length-delimited field.
            Wrap(V1.OrderEntryRequest.NewOrderFieldNumber, [(V1.NewOrderRequest.AccountIdFieldNumber << 3) | 2, 1, 0x31]),
            // Two requests in one (Google.Protobuf merges or switches them).
            plain.Concat(Wrap(V1.OrderEntryRequest.CancelFieldNumber, [])).ToArray(),
            // Cut short inside a varint.
            [(V1.OrderEntryRequest.CorrelationIdFieldNumber << 3) | 0, 0x80],
            // Field number 0.
            [0x00, 0x01],
        ];
        foreach (var bytes in odd)
        {
            Assert.False(TradeRequestParser.TryParse(bytes, out _), Convert.ToHexString(bytes));
        }
    }

    private static byte[] Wrap(int field, byte[] inner) => new byte[] { (byte)((field << 3) | 2), (byte)inner.Length }.Concat(inner).ToArray();

    private static string Describe(in TradeRequestFields f) => string.Join(
        "|",
        f.Kind, f.CorrelationId, f.ClientOrderId.AsString(), f.ClientRequestId.AsString(), f.AccountId, f.InstrumentId, f.Side, f.OrderType, f.TimeInForce,
        f.Kind == V1.OrderEntryRequest.RequestOneofCase.Cancel ? 0 : f.PriceTicks, f.Kind == V1.OrderEntryRequest.RequestOneofCase.Cancel ? 0 : f.Quantity,
        f.TargetIsOrderId, f.TargetIsOrderId ? f.OrderId : 0, f.TraceContext is null);
}
