using System.Buffers.Binary;
using System.Diagnostics;
using Bourse.Engine.Matching;
using Bourse.EngineHost.OrderEntry;
using Bourse.EngineHost.Sharding;
using Google.Protobuf;

namespace Bourse.EngineHost.Tests.OrderEntry;

public sealed class ExecutionReportsTests
{
    private static readonly long[] Values = [0, 1, -1, 127, 128, 300, 16_383, 16_384, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue];

    [Fact]
    public void A_report_written_directly_is_byte_for_byte_the_message_google_protobuf_serializes()
    {
        var random = new Random(7);
        var trace = new TraceContextEntry(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
        string?[] clientIds = [null, string.Empty, "o1", "client-order-é-€-😀", new string('x', 64)];
        var buffer = new byte[4096];
        var checkedReports = 0;
        foreach (var type in new[] { EventType.Accepted, EventType.Rejected, EventType.Trade, EventType.Cancelled, EventType.Replaced })
        {
            foreach (var commandType in new[] { CommandType.NewOrder, CommandType.Market, CommandType.Cancel, CommandType.Replace })
            {
                for (var i = 0; i < 200; i++)
                {
                    long Pick() => i < Values.Length ? Values[i] : random.Next(3) == 0 ? Values[random.Next(Values.Length)] : random.NextInt64(-1_000_000, 1_000_000_000_000);
                    var command = OrderCommand.NewOrder(Pick(), random.Next(2) == 0 ? Side.Buy : Side.Sell, Pick(), Pick(), (TimeInForce)random.Next(5), Pick());
                    command.Type = commandType;
                    var committed = new CommittedCommand(command, (int)Pick(), Pick(), 1, Pick(), default, default, 0, 1);
                    var e = new MatchEvent
                    {
                        Type = type,
                        Sequence = Pick(),
                        OrderId = Pick(),
                        MakerOrderId = Pick(),
                        Price = Pick(),
                        Quantity = Pick(),
                        AccountId = Pick(),
                        MakerAccountId = Pick(),
                        LeavesQuantity = Pick(),
                        MakerLeavesQuantity = Pick(),
                        Side = random.Next(2) == 0 ? Side.Buy : Side.Sell,
                        Reason = (byte)(type == EventType.Rejected ? random.Next(10) : type == EventType.Cancelled ? random.Next(7) : 0),
                    };

                    // The submitter's report (order id = the event's) and a maker's (another order id).
                    foreach (var orderId in new[] { e.OrderId, e.OrderId + 1 })
                    {
                        var source = new ReportSource(in committed, in e, clientIds[random.Next(clientIds.Length)], Pick(), orderId, Pick(), Pick(), random.Next(2) == 0 ? null : trace);
                        var written = ExecutionReports.WriteFramed(source, buffer);
                        Assert.True(written <= ExecutionReports.MaxFramedSize(source.ClientOrderId, source.Trace));

                        var expected = ExecutionReports.Build(source).ToByteArray();
                        Assert.Equal(0, buffer[0]);
                        Assert.Equal(expected.Length, BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(1)));
                        Assert.Equal(expected, buffer.AsSpan(ExecutionReports.FrameHeaderSize, written - ExecutionReports.FrameHeaderSize).ToArray());
                        checkedReports++;
                    }
                }
            }
        }

        Assert.Equal(5 * 4 * 200 * 2, checkedReports);
    }
}
