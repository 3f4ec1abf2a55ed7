using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.Tests.OrderToClearing;

public sealed class FillJournalTests
{
    [Theory]
    [InlineData(OrderSide.Buy)]
    [InlineData(OrderSide.Sell)]
    public void A_fill_entry_balances_per_asset_and_draws_on_the_order_hold(OrderSide side)
    {
        var fill = new FillClearing("O-1", "A-1", 600519, "CNY", side, 42, 99.5m, 100, 2.49m);
        JournalEntry entry = FillJournal.Build(fill);

        Assert.Equal(side == OrderSide.Buy ? "fill:600519:42:buy" : "fill:600519:42:sell", entry.EntryId);
        Assert.All(entry.Postings.GroupBy(p => p.Asset), asset => Assert.Equal(0m, asset.Sum(p => p.Amount)));
        Posting fromHold = Assert.Single(entry.Postings, p => p.HoldId is not null);
        Assert.Equal(("O-1", side == OrderSide.Buy ? "CNY" : "SEC:600519"), (fromHold.HoldId, fromHold.Asset));
        Assert.Equal(side == OrderSide.Buy ? -9_952.49m : -100m, fromHold.Amount);
        Assert.Equal(2.49m, Assert.Single(entry.Postings, p => p.Account == LedgerAccounts.Fees).Amount);
    }

    [Fact]
    public void Both_sides_of_one_trade_have_entries_of_their_own()
    {
        JournalEntry buy = FillJournal.Build(new FillClearing("O-1", "A-1", 600519, "CNY", OrderSide.Buy, 42, 99.5m, 100, 2.49m));
        JournalEntry sell = FillJournal.Build(new FillClearing("O-2", "A-2", 600519, "CNY", OrderSide.Sell, 42, 99.5m, 100, 2.49m));

        Assert.NotEqual(buy.EntryId, sell.EntryId);
    }

    [Fact]
    public void Fill_fees_add_up_to_the_fee_on_the_total_never_more_than_the_hold_fee()
    {
        decimal rate = 0.00025m;
        decimal before = 0, fees = 0;
        foreach (decimal fill in new[] { 3.33m, 1_000.01m, 77.77m, 0.01m, 5_000m })
        {
            fees += FeeSchedule.ForFill(before, fill, rate);
            before += fill;
        }

        Assert.Equal(FeeSchedule.For(before, rate), fees);
        Assert.Equal(0.01m, FeeSchedule.For(0.01m, rate)); // rounded up to the cent
    }
}
