using System.Diagnostics;
using System.Globalization;
using Bourse.Domain.Risk;
using Bourse.LocalHost.Tests.Support;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Xunit.Abstractions;
using Microsoft.DurableTask.Client;

namespace Bourse.LocalHost.Tests;

/// <summary>
/// The local host is killed (SIGKILL) with sagas in flight and started again: every saga finishes, and the ledger's
/// invariants hold — each asset sums to zero over all accounts, each execution is applied once, no hold is left behind.
/// </summary>
public sealed class HostCrashTests(LocalBackOfficeFixture fixture, ITestOutputHelper output) : IClassFixture<LocalBackOfficeFixture>
{
    private const int Instrument = 600036;
    private const int Pairs = 30;

    [Fact]
    public async Task Sagas_in_flight_when_the_host_is_killed_all_finish_after_a_restart_and_the_ledger_stays_balanced()
    {
        // Buyers 1001-1010 against sellers 1011-1020 at one price: every order fills, whichever it meets.
        var orders = Enumerable.Range(0, Pairs).SelectMany(i => new[]
        {
            Sagas.Order($"crash-buy-{i}", (1001 + (i % 10)).ToString(CultureInfo.InvariantCulture), Instrument, OrderSide.Buy, 41.00m, 200),
            Sagas.Order($"crash-sell-{i}", (1011 + (i % 10)).ToString(CultureInfo.InvariantCulture), Instrument, OrderSide.Sell, 41.00m, 200),
        }).ToArray();
        var accounts = LocalBackOfficeFixture.Accounts.Select(a => a.AccountId)
            .Concat([LedgerAccounts.CentralCounterparty, LedgerAccounts.Fees, Bourse.LocalStack.BackOfficeSeed.Depositary]).ToArray();
        var ledger = Sagas.Ledger(fixture.Stack);

        await Sagas.ScheduleAsync(fixture.Client, orders);
        var completedBeforeKill = await WaitForSomeCompletedAsync(orders, atLeast: 4);
        fixture.Stack.LocalHost!.Kill();
        Assert.True(completedBeforeKill < orders.Length, "every saga had finished before the kill: nothing was in flight");

        var restarted = Stopwatch.StartNew();
        await fixture.Stack.StartLocalHostAsync();
        var results = await Sagas.CompletedAsync(fixture.Client, fixture.Stack, orders, TimeSpan.FromMinutes(5));
        output.WriteLine($"{completedBeforeKill} of {orders.Length} sagas had completed at the kill; all completed {restarted.Elapsed.TotalSeconds:0} s after the restart began");

        Assert.All(results, r => Assert.True(
            r.Outcome == OrderOutcome.Filled,
            $"{r.OrderId}: {r.Outcome} at {r.Stage}: {string.Join("; ", r.Reasons.Select(reason => $"{reason.Code} {reason.Detail}"))}"));
        var assets = new[] { "CNY", Assets.Security(Instrument) };
        var states = new List<Bourse.Domain.Ledger.AccountState>();
        foreach (var account in accounts)
        {
            states.Add(await ledger.GetAccountAsync(account));
        }

        foreach (var asset in assets)
        {
            Assert.Equal(0m, states.Sum(s => s.BalanceOf(asset).Total));
        }

        Assert.All(states, s => Assert.Empty(s.Holds));
        Assert.All(states, s => Assert.All(assets, asset => Assert.Equal(0m, s.BalanceOf(asset).Held)));

        var fills = new List<string>();
        await foreach (var entry in ledger.GetEntriesByIdPrefixAsync($"fill:{Instrument}:"))
        {
            Assert.Equal(Bourse.Adapters.Cosmos.LedgerEntryStatus.Complete, entry.Status);
            fills.Add(entry.Entry.Id);
        }

        // One entry per side of each trade, and exactly the fills the sagas say they cleared.
        Assert.Equal(fills.Count, fills.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(results.Sum(r => r.FillsCleared), fills.Count);
        Assert.Equal(fills.Count(f => f.EndsWith(":buy", StringComparison.Ordinal)), fills.Count(f => f.EndsWith(":sell", StringComparison.Ordinal)));
        Assert.Equal(Pairs * 200L, results.Where(r => r.OrderId.StartsWith("crash-buy", StringComparison.Ordinal)).Sum(r => r.FilledQuantity));
        var buyers = states.Where(s => string.CompareOrdinal(s.AccountId, "1001") >= 0 && string.CompareOrdinal(s.AccountId, "1010") <= 0);
        Assert.Equal(100_000m * 10 + Pairs * 200m, buyers.Sum(s => s.BalanceOf(Assets.Security(Instrument)).Available));
    }

    private async Task<int> WaitForSomeCompletedAsync(IReadOnlyList<OrderToClearingInput> orders, int atLeast)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            var completed = 0;
            foreach (var order in orders)
            {
                var instance = await fixture.Client.GetInstanceAsync(order.OrderId);
                completed += instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 1 : 0;
            }

            if (completed >= atLeast)
            {
                return completed;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"fewer than {atLeast} sagas completed in 2 minutes:\n{fixture.Stack.LocalHost?.Output}");
    }
}
