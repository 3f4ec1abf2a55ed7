using System.Globalization;
using Bourse.Domain.Risk;
using Bourse.LocalHost.Tests.Support;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Xunit.Abstractions;

namespace Bourse.LocalHost.Tests;

/// <summary>Every execution report reaches the relay twice, shuffled, while the sagas run: the ledger ends as if each
/// had come once.</summary>
[Collection(SharedLocalBackOffice.Name)]
public sealed class DuplicateDeliveryTests(LocalBackOfficeFixture fixture, ITestOutputHelper output)
{
    private const int Instrument = 1;
    private const int Pairs = 10;

    [Fact]
    public async Task Every_execution_delivered_twice_and_shuffled_leaves_the_same_ledger_as_once()
    {
        var orders = Enumerable.Range(0, Pairs).SelectMany(i => new[]
        {
            Sagas.Order($"dup-buy-{i}", (1003 + (i % 4)).ToString(CultureInfo.InvariantCulture), Instrument, OrderSide.Buy, 11.50m, 300),
            Sagas.Order($"dup-sell-{i}", (1013 + (i % 4)).ToString(CultureInfo.InvariantCulture), Instrument, OrderSide.Sell, 11.50m, 300),
        }).ToArray();
        var ledger = Sagas.Ledger(fixture.Stack);
        var accounts = orders.Select(o => o.AccountId).Distinct().ToArray();
        var security = Assets.Security(Instrument);
        var before = new Dictionary<string, Bourse.Domain.Ledger.AccountState>();
        foreach (var account in accounts)
        {
            before[account] = await ledger.GetAccountAsync(account);
        }

        IReadOnlyList<OrderToClearingResult> results;
        int copies;
        await using (var duplicator = await ExecutionDuplicator.StartAsync(fixture.Stack.EventHubs.ConnectionString))
        {
            await Sagas.ScheduleAsync(fixture.Client, orders);
            results = await Sagas.CompletedAsync(fixture.Client, fixture.Stack, orders, TimeSpan.FromMinutes(3));
            copies = duplicator.Copied;
        }

        output.WriteLine($"{copies} execution reports were delivered a second time");
        Assert.True(copies >= Pairs * 4, $"only {copies} copies: the duplicates did not reach the relay while the sagas ran");
        Assert.All(results, r => Assert.Equal(OrderOutcome.Filled, r.Outcome));
        Assert.All(results, r => Assert.Equal(300, r.FilledQuantity));

        // As once: each account moved by exactly what its orders' results say, once.
        foreach (var account in accounts)
        {
            var after = await ledger.GetAccountAsync(account);
            var mine = results.Where(r => orders.Single(o => o.OrderId == r.OrderId).AccountId == account).ToArray();
            var bought = mine.Where(r => r.OrderId.StartsWith("dup-buy", StringComparison.Ordinal)).ToArray();
            var sold = mine.Where(r => r.OrderId.StartsWith("dup-sell", StringComparison.Ordinal)).ToArray();
            Assert.Equal(bought.Sum(r => r.FilledQuantity) - sold.Sum(r => r.FilledQuantity),
                after.BalanceOf(security).Available - before[account].BalanceOf(security).Available);
            Assert.Equal(sold.Sum(r => r.FilledNotional - r.Fees) - bought.Sum(r => r.FilledNotional + r.Fees),
                after.BalanceOf("CNY").Available - before[account].BalanceOf("CNY").Available);
            Assert.Equal(0m, after.BalanceOf("CNY").Held);
            Assert.Equal(0m, after.BalanceOf(security).Held);
        }

        var fills = new List<string>();
        await foreach (var entry in ledger.GetEntriesByIdPrefixAsync($"fill:{Instrument}:"))
        {
            fills.Add(entry.Entry.Id);
        }

        Assert.Equal(results.Sum(r => r.FillsCleared), fills.Count);
        Assert.Equal(fills.Count, fills.Distinct(StringComparer.Ordinal).Count());
    }
}
