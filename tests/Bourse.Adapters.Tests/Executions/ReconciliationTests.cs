using System.Text;
using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Reconciliation;
using Bourse.Orchestrations.Reconciliation.Activities;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Adapters.Tests.Executions;

/// <summary>
/// The Reconciliation orchestration on the in-process Durable Task host, with the executions and links stores and the
/// saga ledger on the local Cosmos DB server (the real ledger: entries posted exactly once by id).
/// </summary>
[Collection(SharedCosmosServer.Name)]
public sealed class ReconciliationTests(CosmosFixture cosmos)
{
    private const int Instrument = 600519;

    [Fact]
    public async Task Replays_missing_fills_clears_direct_entry_fills_once_and_reports_breaks()
    {
        var stores = await ExecutionStores.CreateAsync(cosmos.Database);
        var test = await cosmos.CreateLedgerAsync();
        var ledger = new CosmosSagaLedger(test.Ledger);
        await using var sagas = await StartAsync(stores, test.Ledger);
        var now = TimeProvider.System.GetUtcNow();
        var old = now - TimeSpan.FromHours(1);

        // Trade 10: a running saga's buy (no entry: it missed the report) against a direct-entry sell (past the grace period).
        var running = await sagas.StartRecorderAsync(expected: 5);
        await stores.Links.LinkAsync(new OrderLink(Instrument, 1, running, "A-1", OrderSide.Buy));
        await stores.Executions.StoreAsync(Reports.StoredFill(Instrument, 1, 1, 10, OrderSide.Buy, old));
        await stores.Executions.StoreAsync(Reports.StoredFill(Instrument, 2, 2, 10, OrderSide.Sell, old));
        // Trade 11: a finished saga's sell without an entry (a break), against a direct-entry buy just stored (inside the grace period).
        var finished = await sagas.StartRecorderAsync(expected: 1);
        await sagas.Raiser.RaiseExecutionReportAsync(finished, new ExecutionReport(Instrument, 999, ExecutionKind.Accepted, 3));
        await sagas.WaitAsync(finished, m => m.IsCompleted);
        await stores.Links.LinkAsync(new OrderLink(Instrument, 3, finished, "A-3", OrderSide.Sell));
        await stores.Executions.StoreAsync(Reports.StoredFill(Instrument, 3, 4, 11, OrderSide.Buy, now));
        await stores.Executions.StoreAsync(Reports.StoredFill(Instrument, 4, 3, 11, OrderSide.Sell, old));
        // Trade 12: the ledger cleared a side that no stored report names (a break).
        await ledger.PostAsync(FillJournal.BuildDirectEntry(new FillClearing("x", "sys:direct-entry", Instrument, "CNY", OrderSide.Buy, 12, 100m, 100, 0m)));
        await stores.Executions.StoreAsync(Reports.StoredFill(Instrument, 5, 5, 13, OrderSide.Sell, old, price: 10_010, quantity: 200));
        await ledger.PostAsync(FillJournal.BuildDirectEntry(new FillClearing("y", "sys:direct-entry", Instrument, "CNY", OrderSide.Sell, 13, 100.10m, 200, 5.01m)));

        var first = await RunAsync(sagas, "recon-1");
        var suspense = await test.Ledger.GetAccountAsync(ClearDirectFillsActivity.SuspenseAccount);
        var second = await RunAsync(sagas, "recon-2");

        Assert.Equal([1L], await sagas.ReceivedAsync(running, got => got.Count == 1)); // the missed fill, raised again
        Assert.Equal((5, 1, 1, 1, 0, 1), (first.Executions, first.Matched, first.ReRaised, first.ClearedDirect, first.AlreadyClearedDirect, first.AwaitingGrace));
        Assert.Equal(
            [(ReconciliationBreakCodes.FinishedSagaFillMissing, 11L), (ReconciliationBreakCodes.EntryWithoutExecution, 12L),
             (ReconciliationBreakCodes.DirectFillWithoutAccount, 10L)],
            first.Breaks.Select(b => (b.Code, b.TradeId)));
        // The suspense account: trade 12's buy (-10,000.00, +100) and trade 13's sell (+20,014.99, -200) posted by hand, and
        // trade 10's direct-entry sell cleared by reconciliation: 100 × 100.00 less a 2.50 fee (2.5 bp), -100 securities.
        Assert.Equal(-10_000m + 20_014.99m + 9_997.50m, suspense.BalanceOf("CNY").Available);
        Assert.Equal(100m - 200m - 100m, suspense.BalanceOf(Assets.Security(Instrument)).Available);

        Assert.Equal((2, 1, 0, 1), (second.Matched, second.ReRaised, second.ClearedDirect, second.AwaitingGrace));
        var after = await test.Ledger.GetAccountAsync(ClearDirectFillsActivity.SuspenseAccount);
        Assert.Equal(suspense.BalanceOf("CNY"), after.BalanceOf("CNY"));
        Assert.Equal(suspense.BalanceOf(Assets.Security(Instrument)), after.BalanceOf(Assets.Security(Instrument)));
    }

    [Fact]
    public async Task Books_direct_entry_fills_to_their_accounts_once_per_side_and_leaves_a_sagas_side_to_the_saga()
    {
        var stores = await ExecutionStores.CreateAsync(cosmos.Database);
        var test = await cosmos.CreateLedgerAsync();
        var ledger = new CosmosSagaLedger(test.Ledger);
        await using var sagas = await StartAsync(stores, test.Ledger);
        await LedgerScenario.FundAsync(test.Ledger, "2001", "CNY", 20_000m);
        await LedgerScenario.FundAsync(test.Ledger, "1001", "CNY", 50_000m);
        var old = TimeProvider.System.GetUtcNow() - TimeSpan.FromHours(1);

        // Trade 20: a saga's buy (engine order 21, account 2001), which the saga cleared against its hold, crossed by a
        // direct-entry sell of account 1002 (engine order 22), which holds none of the security: it goes below its floor.
        await stores.Links.LinkAsync(new OrderLink(Instrument, 21, "ord-saga", "2001", OrderSide.Buy));
        Assert.True((await ledger.ReserveAsync(new HoldRequest("ord-saga", "2001", "CNY", 10_100m))).Reserved);
        await ledger.PostAsync(FillJournal.Build(new FillClearing("ord-saga", "2001", Instrument, "CNY", OrderSide.Buy, 20, 100m, 100, 2.50m)));
        await stores.Executions.StoreAsync(Reports.StoredFill(Instrument, 1, 21, 20, OrderSide.Buy, old, account: 2001));
        await stores.Executions.StoreAsync(Reports.StoredFill(Instrument, 2, 22, 20, OrderSide.Sell, old, account: 1002));
        // Trade 21: two direct-entry orders, a buy of account 1001 and a sell of account 9999, which reference data does not know.
        await stores.Executions.StoreAsync(Reports.StoredFill(Instrument, 3, 23, 21, OrderSide.Buy, old, account: 1001));
        await stores.Executions.StoreAsync(Reports.StoredFill(Instrument, 4, 24, 21, OrderSide.Sell, old, account: 9999));

        var first = await RunAsync(sagas, "recon-accounts-1");
        var second = await RunAsync(sagas, "recon-accounts-2");

        Assert.Equal((4, 1, 0, 3, 0, 0), (first.Executions, first.Matched, first.ReRaised, first.ClearedDirect, first.AlreadyClearedDirect, first.AwaitingGrace));
        Assert.Equal(
            [(ReconciliationBreakCodes.DirectFillBelowFloor, 20L, "fill:600519:20:sell"), (ReconciliationBreakCodes.DirectFillUnknownAccount, 21L, "fill:600519:21:sell")],
            first.Breaks.Select(b => (b.Code, b.TradeId, b.EntryId)));
        Assert.Equal((4, 0, 0), (second.Matched, second.ClearedDirect, second.Breaks.Count));

        string security = Assets.Security(Instrument);
        var saga = await test.Ledger.GetAccountAsync("2001");
        var seller = await test.Ledger.GetAccountAsync("1002");
        var buyer = await test.Ledger.GetAccountAsync("1001");
        var suspense = await test.Ledger.GetAccountAsync(ClearDirectFillsActivity.SuspenseAccount);
        // The saga's side moved once, by the saga: 10,002.50 from its hold, whose 97.50 is left for its release.
        Assert.Equal((9_900m, 97.50m, 100m), (saga.BalanceOf("CNY").Available, saga.BalanceOf("CNY").Held, saga.BalanceOf(security).Available));
        // The direct sides, each on its own account: 100 × 100.00, 2.50 fee (2.5 bp).
        Assert.Equal((9_997.50m, -100m), (seller.BalanceOf("CNY").Available, seller.BalanceOf(security).Available));
        Assert.Equal((39_997.50m, 100m), (buyer.BalanceOf("CNY").Available, buyer.BalanceOf(security).Available));
        Assert.Equal((9_997.50m, -100m), (suspense.BalanceOf("CNY").Available, suspense.BalanceOf(security).Available));
        var sums = await LedgerScenario.SumOfBalancesAsync(
            test.Ledger, [LedgerScenario.Bank, "1001", "1002", "2001", LedgerAccounts.CentralCounterparty, LedgerAccounts.Fees, ClearDirectFillsActivity.SuspenseAccount]);
        Assert.All(sums, sum => Assert.Equal(0m, sum.Value));
    }

    private static Task<RecordingSagaHost> StartAsync(ExecutionStores stores, CosmosLedger cosmosLedger)
    {
        var ledger = new CosmosSagaLedger(cosmosLedger);
        var reference = new StubReferenceData(new InstrumentInfo(Instrument, "CNY", 0.01m, 100, true), "1001", "1002", "2001");
        IConfiguration fees = new ConfigurationBuilder().AddInMemoryCollection([new("Fees:RateBasisPoints", "2.5")]).Build();
        return RecordingSagaHost.StartAsync(stores, services =>
        {
            services.AddSingleton<ILedger>(ledger);
            services.AddSingleton<IFillEntryReader>(ledger);
            services.AddSingleton<ILedgerReader>(new CosmosLedgerReader(cosmosLedger));
            services.AddSingleton<IReferenceData>(reference);
            services.Configure<FeeSchedule>(fees.GetSection(FeeSchedule.SectionName));
        });
    }

    private static async Task<ReconciliationResult> RunAsync(RecordingSagaHost sagas, string id)
    {
        await sagas.Client.StartReconciliationAsync(new ReconciliationInput { InstrumentIds = [Instrument], FirstRetryInterval = TimeSpan.FromMilliseconds(50), ActivityMaxAttempts = 2 }, id);
        var done = await sagas.WaitAsync(id, m => m.IsCompleted);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails}");
        Assert.Equal(new ReconciliationStatus("Completed", 1, 1, done.ReadOutputAs<ReconciliationResult>()!.Breaks.Count), done.ReadCustomStatusAs<ReconciliationStatus>());
        return done.ReadOutputAs<ReconciliationResult>()!;
    }

    private sealed class StubReferenceData(InstrumentInfo instrument, params string[] accounts) : IReferenceData
    {
        public ValueTask<InstrumentInfo?> GetInstrumentAsync(int instrumentId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<InstrumentInfo?>(instrumentId == instrument.InstrumentId ? instrument : null);

        public ValueTask<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(accounts.Contains(accountId)
                ? new AccountInfo(accountId, AccountStatus.Active, "c-" + accountId, CustomerType.Individual, "Customer " + accountId, "CN")
                : null);
    }
}
