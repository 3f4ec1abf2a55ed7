using Azure.Messaging.EventHubs;
using Bourse.Adapters.EventHubs;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain.Risk;
using Google.Protobuf;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.Adapters.Tests.EventHubs;

/// <summary>The decoder on bodies as the engine host publishes them.</summary>
public sealed class ExecutionReportDecoderTests
{
    private const int Instrument = 600519;
    private static readonly DateTimeOffset At = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Each_side_of_a_trade_keeps_its_own_orders_account()
    {
        var taker = Decode(Reports.Fill(Instrument, 3, 11, trade: 7, taker: 11, maker: 12, account: 1001));
        var maker = Decode(Reports.Fill(Instrument, 4, 12, trade: 7, taker: 11, maker: 12, account: 1002));

        Assert.Equal((OrderSide.Buy, 1001L), (taker.Side, taker.EngineAccountId));
        Assert.Equal((OrderSide.Sell, 1002L), (maker.Side, maker.EngineAccountId));
    }

    [Fact]
    public void Every_kind_of_report_keeps_the_account_and_a_report_without_one_is_account_zero()
    {
        var accepted = Reports.Accepted(Instrument, 1, 11, account: 1001);
        var cancelled = new V1.ExecutionReport
        {
            InstrumentId = Instrument, InstrumentSequence = 2, OrderId = 11, AccountId = 1001,
            Cancelled = new V1.OrderCancelled { Reason = V1.CancelReason.Requested, CancelledQuantity = 100, Side = V1.Side.Buy, PriceTicks = 10_000 },
        };
        var rejected = new V1.ExecutionReport { InstrumentId = Instrument, InstrumentSequence = 3, OrderId = 12, AccountId = 1002, Rejected = new V1.OrderRejected { Reason = V1.RejectReason.PriceBand } };

        Assert.Equal([1001L, 1001L, 1002L, 0L], new[] { accepted, cancelled, rejected, Reports.Accepted(Instrument, 4, 13) }.Select(r => Decode(r).EngineAccountId));
    }

    private static Orchestrations.Ports.StoredExecution Decode(V1.ExecutionReport report)
    {
        var (execution, error) = ExecutionReportDecoder.Decode(new EventData(report.ToByteArray()), At);
        Assert.Null(error);
        Assert.Equal(At, execution!.StoredAt);
        return execution;
    }
}
