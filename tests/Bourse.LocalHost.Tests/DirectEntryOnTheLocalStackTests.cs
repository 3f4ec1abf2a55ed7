using System.Globalization;
using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Hosting;
using Bourse.Domain.Risk;
using Bourse.LocalHost.Tests.Support;
using Bourse.LocalStack;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Reconciliation;
using Bourse.Orchestrations.Reconciliation.Activities;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.LocalHost.Tests;

/// <summary>An order entered directly at the engine host (no saga) crossing a saga's order, on the real local stack: the
/// published reports carry each side's account, the saga clears its side, reconciliation books the direct side to its
/// customer account.</summary>
[Collection(SharedLocalBackOffice.Name)]
public sealed class DirectEntryOnTheLocalStackTests(LocalBackOfficeFixture fixture)
{
    private const int Instrument = 601318;

    [Fact]
    public async Task A_direct_order_crossing_a_saga_order_is_cleared_to_its_own_account_once_and_every_asset_sums_to_zero()
    {
        var ledger = Sagas.Ledger(fixture.Stack);
        var security = Assets.Security(Instrument);
        var sellerBefore = await ledger.GetAccountAsync("1003");
        using var channel = GrpcChannel.ForAddress(fixture.Stack.EngineOrderEntry);
        var ticks = fixture.Stack.Instruments.Single(i => i.Id == Instrument).Ticks(52.50m);
        var ack = await new V1.OrderEntry.OrderEntryClient(channel).NewOrderAsync(new V1.NewOrderRequest
        {
            ClientOrderId = "direct-sell-1", AccountId = 1003, InstrumentId = Instrument, Side = V1.Side.Sell, OrderType = V1.OrderType.Limit,
            TimeInForce = V1.TimeInForce.Gtc, PriceTicks = ticks, Quantity = 200,
        });
        Assert.Equal(V1.OrderAckStatus.Accepted, ack.Status);

        var buy = Sagas.Order("direct-cross-buy-1", "1004", Instrument, OrderSide.Buy, 52.50m, 200);
        await Sagas.ScheduleAsync(fixture.Client, [buy]);
        var bought = Assert.Single(await Sagas.CompletedAsync(fixture.Client, fixture.Stack, [buy], TimeSpan.FromSeconds(90)));
        Assert.Equal((OrderOutcome.Filled, 200L), (bought.Outcome, bought.FilledQuantity));

        // The relay stores the direct order's report (the maker's, right after the saga's) with its account.
        var fill = await DirectFillAsync(ack.OrderId);
        Assert.Equal((1003L, OrderSide.Sell, 200L), (fill.EngineAccountId, fill.Side, fill.Report.Quantity));

        var first = await ReconcileAsync("recon-direct-1");
        var second = await ReconcileAsync("recon-direct-2");
        Assert.DoesNotContain(first.Breaks, b => b.TradeId == fill.Report.TradeId);
        Assert.True(first.ClearedDirect >= 1, $"nothing was cleared as direct entry: {first}");
        Assert.Equal(0, second.ClearedDirect);

        // Each side cleared once: the saga's buy by the saga, the direct sell by reconciliation, to account 1003.
        var entries = new List<Bourse.Domain.Ledger.JournalEntry>();
        await foreach (var record in ledger.GetEntriesByIdPrefixAsync(string.Create(CultureInfo.InvariantCulture, $"fill:{Instrument}:{fill.Report.TradeId}:")))
        {
            entries.Add(record.Entry);
        }

        Assert.Equal(
            [FillJournal.EntryId(Instrument, fill.Report.TradeId, OrderSide.Buy), FillJournal.EntryId(Instrument, fill.Report.TradeId, OrderSide.Sell)],
            entries.Select(e => e.Id).Order(StringComparer.Ordinal));
        var direct = entries.Single(e => e.Id.EndsWith(":sell", StringComparison.Ordinal));
        decimal fee = direct.Postings.Where(p => p.AccountId == LedgerAccounts.Fees).Sum(p => p.Amount);
        var seller = await ledger.GetAccountAsync("1003");
        Assert.Equal(-200m, seller.BalanceOf(security).Available - sellerBefore.BalanceOf(security).Available);
        Assert.Equal(10_500m - fee, seller.BalanceOf("CNY").Available - sellerBefore.BalanceOf("CNY").Available);
        Assert.Equal(0m, (await ledger.GetAccountAsync(ClearDirectFillsActivity.SuspenseAccount)).BalanceOf(security).Available);

        var accounts = LocalBackOfficeFixture.Accounts.Select(a => a.AccountId)
            .Concat([LedgerAccounts.CentralCounterparty, LedgerAccounts.Fees, BackOfficeSeed.Depositary, ClearDirectFillsActivity.SuspenseAccount]);
        var states = new List<Bourse.Domain.Ledger.AccountState>();
        foreach (var account in accounts)
        {
            states.Add(await ledger.GetAccountAsync(account));
        }

        Assert.All(new[] { "CNY", security }, asset => Assert.Equal(0m, states.Sum(s => s.BalanceOf(asset).Total)));
    }

    private async Task<StoredExecution> DirectFillAsync(long engineOrderId)
    {
        using var client = fixture.Stack.Cosmos.CreateClient();
        var database = client.GetDatabase(LocalBackOffice.CosmosDatabase);
        var store = new CosmosExecutionStore(database.GetContainer(AdapterServiceCollectionExtensions.ExecutionsContainer));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var stored = await store.GetByEngineOrderAsync(Instrument, engineOrderId, deadline.Token);
            if (stored.FirstOrDefault(e => e.Report.Kind == ExecutionKind.Fill) is { } fill)
            {
                return fill;
            }

            await Task.Delay(200, deadline.Token);
        }
    }

    private async Task<ReconciliationResult> ReconcileAsync(string id)
    {
        await fixture.Client.StartReconciliationAsync(new ReconciliationInput { InstrumentIds = [Instrument], GracePeriod = TimeSpan.Zero }, id);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var done = await fixture.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}\n{fixture.Stack.LocalHost?.Output}");
        return done.ReadOutputAs<ReconciliationResult>()!;
    }
}
