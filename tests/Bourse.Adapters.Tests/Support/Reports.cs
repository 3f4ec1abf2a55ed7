using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.Adapters.Tests.Support;

/// <summary>Execution reports as the engine host publishes them, and as the relay stores them.</summary>
internal static class Reports
{
    public static V1.ExecutionReport Accepted(
        int instrument, long sequence, long order, V1.Side side = V1.Side.Buy, long price = 10_000, long quantity = 100, long account = 0) => new()
    {
        InstrumentId = instrument,
        InstrumentSequence = sequence,
        OrderId = order,
        AccountId = account,
        Accepted = new V1.OrderAccepted { Side = side, OrderType = V1.OrderType.Limit, PriceTicks = price, Quantity = quantity },
    };

    /// <summary>The report of <paramref name="order"/> for a trade between <paramref name="taker"/> (the aggressor, on <paramref name="aggressor"/>) and <paramref name="maker"/>.</summary>
    public static V1.ExecutionReport Fill(
        int instrument, long sequence, long order, long trade, long taker, long maker, V1.Side aggressor = V1.Side.Buy, long price = 10_000, long quantity = 100,
        long account = 0) => new()
    {
        InstrumentId = instrument,
        InstrumentSequence = sequence,
        OrderId = order,
        AccountId = account,
        Fill = new V1.Fill { TradeId = trade, TakerOrderId = taker, MakerOrderId = maker, AggressorSide = aggressor, PriceTicks = price, Quantity = quantity },
    };

    /// <summary>A stored fill report, as the relay would have stored it at <paramref name="storedAt"/>; <paramref name="account"/>
    /// 0: a report that named no account.</summary>
    public static StoredExecution StoredFill(
        int instrument, long sequence, long order, long trade, OrderSide side, DateTimeOffset storedAt, long price = 10_000, long quantity = 100, long account = 0) =>
        new(new ExecutionReport(instrument, sequence, ExecutionKind.Fill, order, trade, price, quantity), side, storedAt, account);
}
