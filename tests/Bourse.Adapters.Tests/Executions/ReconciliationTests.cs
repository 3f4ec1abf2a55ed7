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
        var reference = new StubReferenceData(new InstrumentInfo(Instrument, "CNY", 0.01m, 100, true));
        IConfiguration fees = new ConfigurationBuilder().AddInMemoryCollection([new("Fees:RateBasisPoints", "2.5")]).Build();
        await using var sagas = await RecordingSagaHost.StartAsync(stores, services =>
        {
            services.AddSingleton<ILedger>(ledger);
            services.AddSingleton<IFillEntryReader>(ledger);
            services.AddSingleton<IReferenceData>(reference);
            services.Configure<FeeSchedule>(fees.GetSection(FeeSchedule.SectionName));
        });
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
            [(ReconciliationBreakCodes.FinishedSagaFillMissing, 11L), (ReconciliationBreakCodes.EntryWithoutExecution, 12L)],
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

    private static async Task<ReconciliationResult> RunAsync(RecordingSagaHost sagas, string id)
    {
        await sagas.Client.StartReconciliationAsync(new ReconciliationInput { InstrumentIds = [Instrument], FirstRetryInterval = TimeSpan.FromMilliseconds(50), ActivityMaxAttempts = 2 }, id);
        var done = await sagas.WaitAsync(id, m => m.IsCompleted);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails}");
        Assert.Equal(new ReconciliationStatus("Completed", 1, 1, done.ReadOutputAs<ReconciliationResult>()!.Breaks.Count), done.ReadCustomStatusAs<ReconciliationStatus>());
        return done.ReadOutputAs<ReconciliationResult>()!;
    }

    private sealed class StubReferenceData(InstrumentInfo instrument) : IReferenceData
    {
        public ValueTask<InstrumentInfo?> GetInstrumentAsync(int instrumentId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<InstrumentInfo?>(instrumentId == instrument.InstrumentId ? instrument : null);

        public ValueTask<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<AccountInfo?>(null);
    }
}
