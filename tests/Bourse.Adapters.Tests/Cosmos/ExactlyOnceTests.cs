using System.Collections.Concurrent;
using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain.Ledger;
using static Bourse.Adapters.Tests.Support.LedgerScenario;

namespace Bourse.Adapters.Tests.Cosmos;

/// <summary>
/// Exactly once: duplicates, concurrency, reordering, a crash between any two writes, reconciliation of what a crash left
/// pending, and compare-and-swap races — against the real local Cosmos DB server.
/// </summary>
[Collection(SharedCosmosServer.Name)]
public sealed class ExactlyOnceTests(CosmosFixture cosmos)
{
    private static readonly string[] Traders = ["t-1", "t-2", "t-3", "t-4"];

    [Fact]
    public async Task Every_fill_delivered_twice_shuffled_from_four_tasks_gives_the_balances_of_one_delivery()
    {
        var fills = RandomFills(seed: 7, count: 30);
        var once = (await cosmos.CreateLedgerAsync()).Ledger;
        // Few markers per account, so that dropping them (after their entries record the fact) is exercised too.
        var twice = (await cosmos.CreateLedgerAsync(new CosmosLedgerOptions { RecentEntryCapacity = 6 })).Ledger;
        foreach (var ledger in new[] { once, twice })
        {
            await SetUpTradersAsync(ledger);
        }

        foreach (var fill in fills)
        {
            Assert.Equal(LedgerOutcome.Applied, (await once.ClearFillAsync(fill)).Outcome);
        }

        var deliveries = new ConcurrentQueue<Fill>(fills.Concat(fills).OrderBy(_ => Random.Shared.Next()).ToList());
        var results = new ConcurrentBag<LedgerResult>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (deliveries.TryDequeue(out var fill))
            {
                results.Add(await twice.ClearFillAsync(fill));
            }
        })));

        Assert.Equal(60, results.Count);
        Assert.All(results, r => Assert.Equal(LedgerOutcome.Applied, r.Outcome));
        Assert.Equal(30, results.Count(r => !r.Duplicate));
        foreach (var account in Traders.Append(Bank).Append("fee-income"))
        {
            var expected = await once.GetAccountAsync(account);
            var actual = await twice.GetAccountAsync(account);
            Assert.Equal(expected.Balances.OrderBy(b => b.Key, StringComparer.Ordinal), actual.Balances.OrderBy(b => b.Key, StringComparer.Ordinal));
            Assert.Equal(expected.Holds.OrderBy(h => h.Key, StringComparer.Ordinal), actual.Holds.OrderBy(h => h.Key, StringComparer.Ordinal));
        }

        var records = new List<LedgerEntryRecord>();
        await foreach (var record in twice.GetEntriesAsync(new LedgerWindow(CosmosFixture.Start, CosmosFixture.Start.AddDays(1))))
        {
            records.Add(record);
        }

        Assert.All(records, r => Assert.Equal(LedgerEntryStatus.Complete, r.Status));
        Assert.All((await SumOfPostingsAsync(twice)).Values, sum => Assert.Equal(0m, sum));
        Assert.All((await SumOfBalancesAsync(twice, Traders.Append(Bank).Append("fee-income"))).Values, sum => Assert.Equal(0m, sum));
    }

    [Theory]
    [InlineData("entry", "fill:XSHG:600000:t-1")]
    [InlineData("account", "buyer")]
    [InlineData("applied", "fill:XSHG:600000:t-1")]
    [InlineData("account", "seller")]
    [InlineData("account", "fee-income")]
    [InlineData("final", "fill:XSHG:600000:t-1")]
    public async Task A_crash_after_any_write_then_a_retry_clears_the_fill_exactly_once(string operation, string id)
    {
        var (test, faults) = await cosmos.CreateFaultyLedgerAsync();
        var ledger = test.Ledger;
        await FundAsync(ledger, "buyer", "CNY", 10_000m);
        await FundAsync(ledger, "seller", Instrument, 1_000m);
        await ledger.ReserveAsync("ob", "buyer", "CNY", 5_000m);
        var fill = Fill("t-1", 10.25m, 300, "buyer", "ob", "seller", "os");

        faults.CrashAfter = (op, doc) => op == operation && doc == id;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => ledger.ClearFillAsync(fill));
        Assert.Null(faults.CrashAfter);

        var retried = await ledger.ClearFillAsync(fill);
        var duplicate = await ledger.ClearFillAsync(fill);

        Assert.Equal((LedgerOutcome.Applied, true), (retried.Outcome, retried.Duplicate));
        Assert.Equal((LedgerOutcome.Applied, true), (duplicate.Outcome, duplicate.Duplicate));
        await AssertClearedOnceAsync(ledger);
    }

    [Fact]
    public async Task CompletePending_finishes_an_entry_a_crash_left_half_applied()
    {
        var (test, faults) = await cosmos.CreateFaultyLedgerAsync();
        var ledger = test.Ledger;
        await FundAsync(ledger, "buyer", "CNY", 10_000m);
        await FundAsync(ledger, "seller", Instrument, 1_000m);
        await ledger.ReserveAsync("ob", "buyer", "CNY", 5_000m);
        test.Clock.Advance(TimeSpan.FromMinutes(5));

        faults.CrashAfter = (op, doc) => op == "account" && doc == "buyer";
        await Assert.ThrowsAsync<SimulatedCrashException>(() => ledger.ClearFillAsync(Fill("t-1", 10.25m, 300, "buyer", "ob", "seller", "os")));

        var window = new LedgerWindow(CosmosFixture.Start.AddMinutes(1), CosmosFixture.Start.AddHours(1));
        var pending = await CollectAsync(ledger.GetEntriesAsync(window));
        Assert.Equal(LedgerEntryStatus.Pending, Assert.Single(pending).Status);

        var completion = await ledger.CompletePendingAsync(window);

        Assert.Equal(new PendingCompletion(1, 1, 0, []), completion with { StillPending = [] });
        Assert.Empty(completion.StillPending);
        await AssertClearedOnceAsync(ledger);
        var record = Assert.Single(await CollectAsync(ledger.GetEntriesAsync(window)));
        Assert.Equal(LedgerEntryStatus.Complete, record.Status);
        Assert.Equal(["buyer", "fee-income", "seller"], record.AppliedTo);
        Assert.Equal(0, (await ledger.CompletePendingAsync(window)).Found);
    }

    [Fact]
    public async Task A_release_after_a_crashed_hold_finishes_the_hold_then_releases_all_of_it()
    {
        var (test, faults) = await cosmos.CreateFaultyLedgerAsync();
        var ledger = test.Ledger;
        await FundAsync(ledger, "acc", "CNY", 100m);

        faults.CrashAfter = (op, doc) => op == "entry" && doc == "hold:o-1";
        await Assert.ThrowsAsync<SimulatedCrashException>(() => ledger.ReserveAsync("o-1", "acc", "CNY", 60m));
        Assert.Equal(new AssetBalance(100m, 0m), (await ledger.GetAccountAsync("acc")).BalanceOf("CNY"));

        var released = await ledger.ReleaseHoldAsync("o-1");

        Assert.Equal(60m, released.Entry!.Postings.Single(p => p.Bucket == LedgerBucket.Available).Amount);
        var account = await ledger.GetAccountAsync("acc");
        Assert.Equal(new AssetBalance(100m, 0m), account.BalanceOf("CNY"));
        Assert.Empty(account.Holds);
        var retried = await ledger.ReserveAsync("o-1", "acc", "CNY", 60m);
        Assert.Equal((LedgerOutcome.Applied, true), (retried.Outcome, retried.Duplicate));
        Assert.Equal(new AssetBalance(100m, 0m), (await ledger.GetAccountAsync("acc")).BalanceOf("CNY"));
    }

    [Fact]
    public async Task A_crash_whose_marker_was_dropped_since_is_still_not_applied_twice()
    {
        var (test, faults) = await cosmos.CreateFaultyLedgerAsync(new CosmosLedgerOptions { RecentEntryCapacity = 4 });
        var ledger = test.Ledger;
        await ledger.SetFloorAsync(Bank, "CNY", -1_000_000m);

        faults.CrashAfter = (op, doc) => op == "account" && doc == Bank;
        await Assert.ThrowsAsync<SimulatedCrashException>(() => ledger.TransferAsync("first", Bank, "acc", "CNY", 1m));
        // Ten more entries on the bank's account push the crashed entry's marker out of it.
        for (var i = 0; i < 10; i++)
        {
            await ledger.TransferAsync($"more-{i}", Bank, "acc", "CNY", 10m);
        }

        Assert.Equal(LedgerOutcome.Applied, (await ledger.TransferAsync("first", Bank, "acc", "CNY", 1m)).Outcome);
        Assert.Equal(-101m, (await ledger.GetAccountAsync(Bank)).BalanceOf("CNY").Available);
        Assert.Equal(101m, (await ledger.GetAccountAsync("acc")).BalanceOf("CNY").Available);

        // And every entry delivered again changes nothing.
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await ledger.TransferAsync($"more-{i}", Bank, "acc", "CNY", 10m)).Duplicate);
        }

        Assert.Equal(101m, (await ledger.GetAccountAsync("acc")).BalanceOf("CNY").Available);
    }

    [Fact]
    public async Task Two_writers_racing_on_one_account_both_land()
    {
        var (test, faults) = await cosmos.CreateFaultyLedgerAsync();
        var ledger = test.Ledger;
        await FundAsync(ledger, "acc", "CNY", 1_000m);
        var other = CosmosFixture.Other(test);

        // Between this ledger's read of the account and its write, another process holds for another order: 412, re-read, retry.
        faults.BeforeAccountWrite = ("acc", () => other.ReserveAsync("o-other", "acc", "CNY", 300m));
        var mine = await ledger.ReserveAsync("o-mine", "acc", "CNY", 200m);

        Assert.Equal(LedgerOutcome.Applied, mine.Outcome);
        Assert.True(faults.PreconditionFailures >= 1);
        var account = await ledger.GetAccountAsync("acc");
        Assert.Equal(new AssetBalance(500m, 500m), account.BalanceOf("CNY"));
        Assert.Equal(["o-mine", "o-other"], account.Holds.Keys.Order(StringComparer.Ordinal));

        // And many at once: twenty concurrent transfers into the account.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => (i % 2 == 0 ? ledger : other).TransferAsync($"in-{i}", Bank, "acc", "CNY", 1m))));
        Assert.Equal(520m, (await ledger.GetAccountAsync("acc")).BalanceOf("CNY").Available);
        Assert.Equal(-1_020m, (await ledger.GetAccountAsync(Bank)).BalanceOf("CNY").Available);
    }

    [Fact]
    public async Task A_later_account_that_changed_since_the_check_leaves_the_fill_pending_until_reconciliation()
    {
        var (test, faults) = await cosmos.CreateFaultyLedgerAsync();
        var ledger = test.Ledger;
        await FundAsync(ledger, "a-buyer", "CNY", 10_000m);
        await FundAsync(ledger, "b-seller", Instrument, 100m);
        var other = CosmosFixture.Other(test);

        // The buyer (first) accepts after the seller was checked; then, before the seller's write, its shares go elsewhere.
        faults.BeforeAccountWrite = ("b-seller", () => other.TransferAsync("away", "b-seller", Bank, Instrument, 100m));
        var fill = Fill("t-1", 10m, 100, "a-buyer", "ob", "b-seller", "os");
        var result = await ledger.ClearFillAsync(fill);

        Assert.Equal(LedgerOutcome.Pending, result.Outcome);
        Assert.Equal((LedgerRefusalCode.BelowFloor, "b-seller"), (result.Refusal!.Code, result.Refusal.AccountId));
        Assert.Equal(100m, (await ledger.GetAccountAsync("a-buyer")).BalanceOf(Instrument).Available);
        Assert.Equal(0m, (await ledger.GetAccountAsync("b-seller")).BalanceOf(Instrument).Available);

        var window = new LedgerWindow(CosmosFixture.Start, CosmosFixture.Start.AddDays(1));
        var stuck = await ledger.CompletePendingAsync(window);
        Assert.Equal(["fill:XSHG:600000:t-1"], stuck.StillPending);

        await ledger.TransferAsync("back", Bank, "b-seller", Instrument, 100m);
        Assert.Equal(1, (await ledger.CompletePendingAsync(window)).Completed);
        Assert.Equal(0m, (await ledger.GetAccountAsync("b-seller")).BalanceOf(Instrument).Available);
        Assert.Equal(998.70m, (await ledger.GetAccountAsync("b-seller")).BalanceOf("CNY").Available);
        Assert.All((await SumOfBalancesAsync(ledger, ["a-buyer", "b-seller", Bank, "fee-income"])).Values, sum => Assert.Equal(0m, sum));
    }

    private static async Task AssertClearedOnceAsync(CosmosLedger ledger)
    {
        var buyer = await ledger.GetAccountAsync("buyer");
        Assert.Equal(new AssetBalance(5_000m, 1_924.08m), buyer.BalanceOf("CNY"));
        Assert.Equal(new AssetBalance(300m, 0m), buyer.BalanceOf(Instrument));
        var seller = await ledger.GetAccountAsync("seller");
        Assert.Equal(new AssetBalance(3_071.00m, 0m), seller.BalanceOf("CNY"));
        Assert.Equal(new AssetBalance(700m, 0m), seller.BalanceOf(Instrument));
        Assert.Equal(new AssetBalance(4.92m, 0m), (await ledger.GetAccountAsync("fee-income")).BalanceOf("CNY"));
        Assert.All((await SumOfPostingsAsync(ledger)).Values, sum => Assert.Equal(0m, sum));
    }

    private static async Task SetUpTradersAsync(CosmosLedger ledger)
    {
        foreach (var trader in Traders)
        {
            await FundAsync(ledger, trader, "CNY", 1_000_000m);
            await FundAsync(ledger, trader, Instrument, 100_000m);
            await ledger.ReserveAsync($"{trader}-buy", trader, "CNY", 200_000m);
            await ledger.ReserveAsync($"{trader}-sell", trader, Instrument, 20_000m);
        }
    }

    /// <summary>Fills between distinct traders; half through the orders with holds, half through orders without.</summary>
    private static List<Fill> RandomFills(int seed, int count)
    {
        var random = new Random(seed);
        var fills = new List<Fill>();
        for (var i = 0; i < count; i++)
        {
            var buyer = Traders[random.Next(Traders.Length)];
            var seller = Traders.Where(t => t != buyer).ElementAt(random.Next(Traders.Length - 1));
            var held = i % 2 == 0;
            fills.Add(Fill($"t-{i}", 9.5m + (random.Next(100) / 100m), random.Next(1, 50) * 100, buyer,
                held ? $"{buyer}-buy" : $"{buyer}-direct-{i}", seller, held ? $"{seller}-sell" : $"{seller}-direct-{i}"));
        }

        return fills;
    }

    private static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
