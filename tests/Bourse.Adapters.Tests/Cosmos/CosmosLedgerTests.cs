using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain.Ledger;
using static Bourse.Adapters.Tests.Support.LedgerScenario;

namespace Bourse.Adapters.Tests.Cosmos;

/// <summary>Reserve, clear, release and their answers, against the real local Cosmos DB server.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosLedgerTests(CosmosFixture cosmos)
{
    [Fact]
    public async Task Reserve_clear_and_release_move_cash_securities_and_fees()
    {
        var ledger = (await cosmos.CreateLedgerAsync()).Ledger;
        await FundAsync(ledger, "buyer", "CNY", 10_000m);
        await FundAsync(ledger, "seller", Instrument, 1_000m);

        var buyHold = await ledger.ReserveAsync("ob", "buyer", "CNY", 5_000m);
        var sellHold = await ledger.ReserveAsync("os", "seller", Instrument, 500m);
        Assert.Equal((LedgerOutcome.Applied, false, "hold:ob"), (buyHold.Outcome, buyHold.Duplicate, buyHold.EntryId));
        Assert.Equal(LedgerOutcome.Applied, sellHold.Outcome);

        // 300 at 10.25 = 3075.00; buyer fee 0.9225 → 0.92, seller fee 3.9975 → 4.00.
        var cleared = await ledger.ClearFillAsync(Fill("t-1", 10.25m, 300, "buyer", "ob", "seller", "os"));
        Assert.Equal((LedgerOutcome.Applied, "fill:XSHG:600000:t-1"), (cleared.Outcome, cleared.EntryId));

        var buyer = await ledger.GetAccountAsync("buyer");
        Assert.Equal(new AssetBalance(5_000m, 1_924.08m), buyer.BalanceOf("CNY"));
        Assert.Equal(new AssetBalance(300m, 0m), buyer.BalanceOf(Instrument));
        Assert.Equal(new OrderHold("CNY", 1_924.08m), buyer.Holds["ob"]);
        var seller = await ledger.GetAccountAsync("seller");
        Assert.Equal(new AssetBalance(3_071.00m, 0m), seller.BalanceOf("CNY"));
        Assert.Equal(new AssetBalance(500m, 200m), seller.BalanceOf(Instrument));
        Assert.Equal(new AssetBalance(4.92m, 0m), (await ledger.GetAccountAsync("fee-income")).BalanceOf("CNY"));

        var released = await ledger.ReleaseHoldAsync("ob");
        Assert.Equal([Posting.Held("buyer", "CNY", -1_924.08m, "ob"), Posting.Available("buyer", "CNY", 1_924.08m)], released.Entry!.Postings);
        await ledger.ReleaseHoldAsync("os");

        buyer = await ledger.GetAccountAsync("buyer");
        Assert.Equal(new AssetBalance(6_924.08m, 0m), buyer.BalanceOf("CNY"));
        Assert.Empty(buyer.Holds);
        Assert.Equal(new AssetBalance(700m, 0m), (await ledger.GetAccountAsync("seller")).BalanceOf(Instrument));

        var again = await ledger.ReleaseHoldAsync("ob");
        Assert.Equal((LedgerOutcome.Applied, true), (again.Outcome, again.Duplicate));
        Assert.Equal(released.Entry.Postings, again.Entry!.Postings);
        Assert.Equal(new AssetBalance(6_924.08m, 0m), (await ledger.GetAccountAsync("buyer")).BalanceOf("CNY"));
    }

    [Fact]
    public async Task Postings_and_balances_sum_to_zero_per_asset_across_all_entries()
    {
        var ledger = (await cosmos.CreateLedgerAsync()).Ledger;
        await FundAsync(ledger, "a", "CNY", 50_000m);
        await FundAsync(ledger, "b", Instrument, 1_000m);
        await FundAsync(ledger, "b", "CNY", 1_000m);
        await ledger.ReserveAsync("oa", "a", "CNY", 20_000m);
        await ledger.ReserveAsync("ob", "b", Instrument, 600m);
        await ledger.ClearFillAsync(Fill("t-1", 10.01m, 100, "a", "oa", "b", "ob"));
        await ledger.ClearFillAsync(Fill("t-2", 10.03m, 250, "a", "oa", "b", "ob"));
        await ledger.ClearFillAsync(Fill("t-3", 9.99m, 50, "b", "ob-buy", "a", "oa-sell"));
        await ledger.ReleaseHoldAsync("oa");

        var postings = await SumOfPostingsAsync(ledger);
        Assert.Equal(["CNY", Instrument], postings.Keys.Order(StringComparer.Ordinal));
        Assert.All(postings.Values, sum => Assert.Equal(0m, sum));
        var balances = await SumOfBalancesAsync(ledger, ["a", "b", Bank, "fee-income"]);
        Assert.All(balances.Values, sum => Assert.Equal(0m, sum));
        Assert.True((await ledger.GetAccountAsync("fee-income")).BalanceOf("CNY").Available > 0m);
    }

    [Fact]
    public async Task A_reserve_is_idempotent_by_order_id_and_insufficient_available_is_a_refusal()
    {
        var ledger = (await cosmos.CreateLedgerAsync()).Ledger;
        await FundAsync(ledger, "acc", "CNY", 100m);

        Assert.Equal(LedgerOutcome.Applied, (await ledger.ReserveAsync("o-1", "acc", "CNY", 60m)).Outcome);
        var duplicate = await ledger.ReserveAsync("o-1", "acc", "CNY", 60m);
        Assert.Equal((LedgerOutcome.Applied, true), (duplicate.Outcome, duplicate.Duplicate));
        Assert.Equal(new AssetBalance(40m, 60m), (await ledger.GetAccountAsync("acc")).BalanceOf("CNY"));

        var refused = await ledger.ReserveAsync("o-2", "acc", "CNY", 40.01m);
        Assert.Equal(LedgerOutcome.Refused, refused.Outcome);
        Assert.Equal((LedgerRefusalCode.BelowFloor, "acc", "CNY"), (refused.Refusal!.Code, refused.Refusal.AccountId, refused.Refusal.Asset));

        // The refusal is recorded: the same order gets the same answer even once funds arrive.
        await ledger.TransferAsync("top-up", Bank, "acc", "CNY", 1_000m);
        var retried = await ledger.ReserveAsync("o-2", "acc", "CNY", 40.01m);
        Assert.Equal((LedgerOutcome.Refused, true), (retried.Outcome, retried.Duplicate));
        Assert.Equal(new AssetBalance(1_040m, 60m), (await ledger.GetAccountAsync("acc")).BalanceOf("CNY"));
    }

    [Fact]
    public async Task A_second_request_with_other_terms_under_one_id_is_an_error()
    {
        var ledger = (await cosmos.CreateLedgerAsync()).Ledger;
        await FundAsync(ledger, "acc", "CNY", 100m);
        await ledger.ReserveAsync("o-1", "acc", "CNY", 60m);

        var error = await Assert.ThrowsAsync<LedgerException>(() => ledger.ReserveAsync("o-1", "acc", "CNY", 70m));
        Assert.Equal((LedgerFailureReason.ConflictingDuplicate, false), (error.Reason, error.IsTransient));
    }

    [Fact]
    public async Task A_release_before_any_reserve_is_recorded_and_a_late_reserve_is_refused()
    {
        var ledger = (await cosmos.CreateLedgerAsync()).Ledger;
        await FundAsync(ledger, "acc", "CNY", 100m);

        var released = await ledger.ReleaseHoldAsync("o-1");
        Assert.Equal(LedgerOutcome.Applied, released.Outcome);
        Assert.Empty(released.Entry!.Postings);

        var late = await ledger.ReserveAsync("o-1", "acc", "CNY", 10m);
        Assert.Equal((LedgerOutcome.Refused, LedgerRefusalCode.HoldReleased), (late.Outcome, late.Refusal!.Code));
        Assert.Equal(new AssetBalance(100m, 0m), (await ledger.GetAccountAsync("acc")).BalanceOf("CNY"));
    }

    [Fact]
    public async Task Fills_for_orders_without_a_hold_clear_from_available()
    {
        var ledger = (await cosmos.CreateLedgerAsync()).Ledger;
        await FundAsync(ledger, "buyer", "CNY", 2_000m);
        await FundAsync(ledger, "seller", Instrument, 100m);
        // The buyer has a hold for another order only: it is not touched.
        await ledger.ReserveAsync("other", "buyer", "CNY", 500m);

        var cleared = await ledger.ClearFillAsync(Fill("t-1", 10m, 100, "buyer", "direct-b", "seller", "direct-s"));

        Assert.Equal(LedgerOutcome.Applied, cleared.Outcome);
        var buyer = await ledger.GetAccountAsync("buyer");
        Assert.Equal(new AssetBalance(499.70m, 500m), buyer.BalanceOf("CNY"));
        Assert.Equal(100m, buyer.BalanceOf(Instrument).Available);
        Assert.Equal(new AssetBalance(0m, 0m), (await ledger.GetAccountAsync("seller")).BalanceOf(Instrument));
        Assert.Equal(998.70m, (await ledger.GetAccountAsync("seller")).BalanceOf("CNY").Available);
    }

    [Fact]
    public async Task A_fill_that_would_breach_a_floor_is_refused_and_applied_nowhere()
    {
        var ledger = (await cosmos.CreateLedgerAsync()).Ledger;
        await FundAsync(ledger, "buyer", "CNY", 10_000m);
        await FundAsync(ledger, "seller", Instrument, 50m);

        // The seller (second in the entry's order) has 50 shares, not 100: refused at the first account.
        var refused = await ledger.ClearFillAsync(Fill("t-1", 10m, 100, "buyer", "ob", "seller", "os"));
        Assert.Equal(LedgerOutcome.Refused, refused.Outcome);
        Assert.Equal((LedgerRefusalCode.BelowFloor, "seller", Instrument), (refused.Refusal!.Code, refused.Refusal.AccountId, refused.Refusal.Asset));
        Assert.Equal(new AssetBalance(10_000m, 0m), (await ledger.GetAccountAsync("buyer")).BalanceOf("CNY"));
        Assert.Equal(new AssetBalance(50m, 0m), (await ledger.GetAccountAsync("seller")).BalanceOf(Instrument));
        Assert.Empty((await ledger.GetAccountAsync("fee-income")).Balances);

        var again = await ledger.ClearFillAsync(Fill("t-1", 10m, 100, "buyer", "ob", "seller", "os"));
        Assert.Equal((LedgerOutcome.Refused, true), (again.Outcome, again.Duplicate));

        // A configured floor (a securities loan of 50) lets the next trade through.
        await ledger.SetFloorAsync("seller", Instrument, -50m);
        Assert.Equal(LedgerOutcome.Applied, (await ledger.ClearFillAsync(Fill("t-2", 10m, 100, "buyer", "ob", "seller", "os"))).Outcome);
        Assert.Equal(new AssetBalance(-50m, 0m), (await ledger.GetAccountAsync("seller")).BalanceOf(Instrument));
        Assert.Equal(-50m, (await ledger.GetAccountAsync("seller")).FloorOf(Instrument));
    }

    [Fact]
    public async Task The_entries_of_a_window_are_listed_with_their_status_and_accounts()
    {
        var test = await cosmos.CreateLedgerAsync();
        var ledger = test.Ledger;
        await FundAsync(ledger, "acc", "CNY", 100m);
        test.Clock.Advance(TimeSpan.FromHours(1));
        await ledger.ReserveAsync("o-1", "acc", "CNY", 10m);
        await ledger.ReserveAsync("o-2", "acc", "CNY", 1_000m);

        var window = new LedgerWindow(CosmosFixture.Start.AddMinutes(30), CosmosFixture.Start.AddHours(2));
        var records = new List<LedgerEntryRecord>();
        await foreach (var record in ledger.GetEntriesAsync(window))
        {
            records.Add(record);
        }

        Assert.Equal(["hold:o-1", "hold:o-2"], records.Select(r => r.Entry.Id).Order(StringComparer.Ordinal));
        var held = records.Single(r => r.Entry.Id == "hold:o-1");
        Assert.Equal((LedgerEntryStatus.Complete, CosmosFixture.Start.AddHours(1)), (held.Status, held.RecordedAt));
        Assert.Equal(["acc"], held.AppliedTo);
        var refused = records.Single(r => r.Entry.Id == "hold:o-2");
        Assert.Equal((LedgerEntryStatus.Refused, LedgerRefusalCode.BelowFloor), (refused.Status, refused.Refusal!.Code));
        Assert.Empty(refused.AppliedTo);
    }
}
