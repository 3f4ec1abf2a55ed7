using Bourse.Adapters.Cosmos;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.LocalHost.Tests.Support;
using Bourse.Orchestrations.Ports;

namespace Bourse.LocalHost.Tests;

/// <summary>The saga end to end on the real local stack: local host (worker, relay) → engine host → executions hub →
/// relay → saga → Cosmos ledger.</summary>
[Collection(SharedLocalBackOffice.Name)]
public sealed class OrderToClearingOnTheLocalStackTests(LocalBackOfficeFixture fixture)
{
    private const int Instrument = 601318;

    [Fact]
    public async Task A_buy_and_a_sell_that_cross_at_the_engine_both_settle_and_the_ledger_moves_cash_and_shares()
    {
        var buy = Order("e2e-buy-1", "1001", OrderSide.Buy, 52.00m, 300);
        var sell = Order("e2e-sell-1", "1002", OrderSide.Sell, 52.00m, 300);
        var ledger = Ledger();
        var buyerBefore = await ledger.GetAccountAsync("1001");
        var sellerBefore = await ledger.GetAccountAsync("1002");

        var results = await RunAsync(sell, buy);

        Assert.All(results, r => Assert.Equal(OrderOutcome.Filled, r.Outcome));
        Assert.All(results, r => Assert.Equal(300, r.FilledQuantity));
        var buyer = await ledger.GetAccountAsync("1001");
        var seller = await ledger.GetAccountAsync("1002");
        var security = Assets.Security(Instrument);
        Assert.Equal(300m, buyer.BalanceOf(security).Available - buyerBefore.BalanceOf(security).Available);
        Assert.Equal(-300m, seller.BalanceOf(security).Available - sellerBefore.BalanceOf(security).Available);
        var buyResult = results.Single(r => r.OrderId == buy.OrderId);
        var sellResult = results.Single(r => r.OrderId == sell.OrderId);
        Assert.Equal(-(15_600m + buyResult.Fees), buyer.BalanceOf("CNY").Available - buyerBefore.BalanceOf("CNY").Available);
        Assert.Equal(15_600m - sellResult.Fees, seller.BalanceOf("CNY").Available - sellerBefore.BalanceOf("CNY").Available);
        Assert.Equal(0m, buyer.BalanceOf("CNY").Held);
        Assert.Equal(0m, seller.BalanceOf(security).Held);
    }

    [Fact]
    public async Task An_order_of_a_sanctioned_customer_is_rejected_by_risk_and_never_reaches_the_engine()
    {
        var order = Order("e2e-sanctioned-1", "1099", OrderSide.Buy, 52.00m, 100);

        var result = Assert.Single(await RunAsync(order));

        Assert.Equal(OrderOutcome.Rejected, result.Outcome);
        Assert.Contains(result.Reasons, r => r.Code == RiskReasonCodes.SanctionsExactMatch);
        Assert.Equal(0m, (await Ledger().GetAccountAsync("1099")).BalanceOf("CNY").Held);
    }

    private static OrderToClearingInput Order(string id, string account, OrderSide side, decimal price, long quantity) =>
        Sagas.Order(id, account, Instrument, side, price, quantity);

    private CosmosLedger Ledger() => Sagas.Ledger(fixture.Stack);

    private async Task<IReadOnlyList<OrderToClearingResult>> RunAsync(params OrderToClearingInput[] orders)
    {
        await Sagas.ScheduleAsync(fixture.Client, orders);
        return await Sagas.CompletedAsync(fixture.Client, fixture.Stack, orders, TimeSpan.FromSeconds(90));
    }
}
