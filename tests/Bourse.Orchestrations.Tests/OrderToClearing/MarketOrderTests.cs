using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Tests.Support;

namespace Bourse.Orchestrations.Tests.OrderToClearing;

/// <summary>Market orders through the saga: the hold and the risk notional at today's upper limit, a market order at the
/// engine, the unused hold released when the engine cancels the rest.</summary>
public sealed class MarketOrderTests(SagaHostFixture fixture) : IClassFixture<SagaHostFixture>
{
    private const int I = SagaHost.Instrument;
    private readonly SagaHost _host = fixture.Host;

    private SagaPorts Ports => _host.Ports;

    private static OrderToClearingInput Market(string account, OrderSide side, long quantity) =>
        SagaHost.Order(account, side, 0m, quantity, TimeInForce.Ioc) with { Kind = OrderKind.Market };

    [Fact]
    public async Task A_market_buy_holds_at_the_upper_limit_goes_to_the_engine_as_a_market_order_and_releases_what_it_did_not_spend()
    {
        string account = _host.NewAccount(cash: 50_000m);
        string orderId = await _host.StartAsync(Market(account, OrderSide.Buy, 100));
        await _host.StatusAsync(orderId, s => s.Stage == SagaStages.AwaitExecutions);

        // Upper limit 200.00 × 100 + 2.5 bp.
        Assert.Equal(20_005.00m, Ports.Ledger.HoldRemaining(orderId));
        EngineOrder submitted = Assert.Single(Ports.Engine.Submitted, o => o.ClientOrderId == orderId);
        Assert.True(submitted.Market);
        Assert.Equal(0, submitted.PriceTicks);
        var decision = Ports.Risk.Decisions[orderId];
        Assert.Null(decision.Subject.LimitPrice);
        Assert.Equal(20_000m, decision.Subject.Notional.Amount);
        Assert.Contains(decision.Rules, r => r.ReasonCode == RiskReasonCodes.PriceMarketOrder);

        await Ports.Engine.FillAsync(orderId, I, tradeId: 9701, priceTicks: 9950, quantity: 60);
        await _host.RaiseAsync(orderId, new ExecutionReport(I, Ports.Engine.NextSequence(I), ExecutionKind.Cancelled, Quantity: 40, Reason: "CANCEL_REASON_MARKET_REMAINDER"));
        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Cancelled, result.Outcome);
        Assert.Equal(60, result.FilledQuantity);
        Assert.Equal(5_970m, result.FilledNotional);
        Assert.Equal(0m, Ports.Ledger.HoldRemaining(orderId));
        Assert.Equal(50_000m - 5_970m - result.Fees, Ports.Ledger.Balance(account, "CNY"));
        Assert.Equal(60, Ports.Ledger.Balance(account, SagaHost.Security));
    }

    [Fact]
    public async Task A_market_sell_holds_the_securities_and_is_filled()
    {
        string account = _host.NewAccount(cash: 0m, shares: 300);
        string orderId = await _host.StartAsync(Market(account, OrderSide.Sell, 200));
        await Ports.Engine.FillAsync(orderId, I, tradeId: 9702, priceTicks: 10050, quantity: 200);
        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Filled, result.Outcome);
        Assert.Equal(100, Ports.Ledger.Balance(account, SagaHost.Security));
        Assert.Equal(20_100m - result.Fees, Ports.Ledger.Balance(account, "CNY"));
    }

    [Fact]
    public async Task A_market_order_on_an_instrument_without_limits_is_rejected_before_anything_is_held()
    {
        const int Unbounded = 600520;
        Ports.Reference.Instruments[Unbounded] = new InstrumentInfo(Unbounded, "CNY", 0.01m, 10, true);
        string account = _host.NewAccount(cash: 50_000m);
        string orderId = await _host.StartAsync(Market(account, OrderSide.Buy, 100) with { InstrumentId = Unbounded });
        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Reasons, r => r.Code == SagaReasonCodes.MarketOrderUnpriced);
        Assert.DoesNotContain(Ports.Engine.Submitted, o => o.ClientOrderId == orderId);
        Assert.Equal(50_000m, Ports.Ledger.Balance(account, "CNY"));
    }

    [Fact]
    public async Task A_market_order_with_a_price_or_resting_time_in_force_is_rejected_with_both_reasons()
    {
        string account = _host.NewAccount(cash: 50_000m);
        string orderId = await _host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100, TimeInForce.Gtc) with { Kind = OrderKind.Market });
        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Rejected, result.Outcome);
        Assert.Equal([SagaReasonCodes.InvalidPrice, SagaReasonCodes.InvalidTimeInForce], result.Reasons.Select(r => r.Code).Order(StringComparer.Ordinal));
    }
}
