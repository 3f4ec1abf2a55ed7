using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain.Ledger;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Ports = Bourse.Orchestrations.Ports;
using static Bourse.Adapters.Tests.Support.LedgerScenario;

namespace Bourse.Adapters.Tests.Cosmos;

/// <summary>The saga's ledger port on the Cosmos ledger, with the saga's own fill entries, against the local server.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosSagaLedgerTests(CosmosFixture cosmos)
{
    [Fact]
    public async Task Both_sides_of_a_trade_between_two_sagas_clear_once_each_against_the_counterparty()
    {
        var ledger = (await cosmos.CreateLedgerAsync()).Ledger;
        var port = new CosmosSagaLedger(ledger);
        var security = Ports.Assets.Security(600519);
        await FundAsync(ledger, "buyer", "CNY", 20_000m);
        await FundAsync(ledger, "seller", security, 500m);

        var buyHold = await port.ReserveAsync(new Ports.HoldRequest("ob", "buyer", "CNY", 10_002.50m));
        var sellHold = await port.ReserveAsync(new Ports.HoldRequest("os", "seller", security, 100m));
        Assert.Equal(new Ports.HoldResult(true, 20_000m), buyHold);
        Assert.True(sellHold.Reserved);

        var buy = FillJournal.Build(new FillClearing("ob", "buyer", 600519, "CNY", OrderSide.Buy, 42, 99.5m, 100, 2.49m));
        var sell = FillJournal.Build(new FillClearing("os", "seller", 600519, "CNY", OrderSide.Sell, 42, 99.5m, 100, 2.49m));
        Assert.Equal(Ports.PostingResult.Posted, await port.PostAsync(buy));
        Assert.Equal(Ports.PostingResult.Posted, await port.PostAsync(sell));
        Assert.Equal(Ports.PostingResult.AlreadyPosted, await port.PostAsync(buy));
        Assert.Equal(Ports.PostingResult.AlreadyPosted, await port.PostAsync(sell));

        var released = await port.ReleaseHoldAsync("ob");
        Assert.Equal(new Ports.HoldRelease("ob", 10_002.50m - 9_952.49m), released);
        Assert.Equal(new Ports.HoldRelease("ob", 10_002.50m - 9_952.49m), await port.ReleaseHoldAsync("ob"));
        await port.ReleaseHoldAsync("os");

        Assert.Equal(new AssetBalance(20_000m - 9_952.49m, 0m), (await ledger.GetAccountAsync("buyer")).BalanceOf("CNY"));
        Assert.Equal(new AssetBalance(100m, 0m), (await ledger.GetAccountAsync("buyer")).BalanceOf(security));
        Assert.Equal(new AssetBalance(9_950m - 2.49m, 0m), (await ledger.GetAccountAsync("seller")).BalanceOf("CNY"));
        Assert.Equal(new AssetBalance(400m, 0m), (await ledger.GetAccountAsync("seller")).BalanceOf(security));
        var ccp = await ledger.GetAccountAsync(Ports.LedgerAccounts.CentralCounterparty);
        Assert.Equal((0m, 0m), (ccp.BalanceOf("CNY").Available, ccp.BalanceOf(security).Available));
        Assert.Equal(4.98m, (await ledger.GetAccountAsync(Ports.LedgerAccounts.Fees)).BalanceOf("CNY").Available);
    }

    [Fact]
    public async Task A_hold_beyond_the_available_balance_is_not_placed_and_says_what_was_there()
    {
        var ledger = (await cosmos.CreateLedgerAsync()).Ledger;
        var port = new CosmosSagaLedger(ledger);
        await FundAsync(ledger, "poor", "CNY", 100m);

        var hold = await port.ReserveAsync(new Ports.HoldRequest("o-poor", "poor", "CNY", 1_000m));

        Assert.Equal(new Ports.HoldResult(false, 100m), hold);
    }
}
