using System.Text;
using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;

namespace Bourse.Adapters.Tests.Cosmos;

/// <summary>The executions store on the local Cosmos DB server: what a stored report keeps, and documents written before it kept accounts.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosExecutionStoreTests(CosmosFixture cosmos)
{
    private const int Instrument = 600519;

    [Fact]
    public async Task A_report_keeps_its_orders_engine_account_through_both_reads()
    {
        var stores = await ExecutionStores.CreateAsync(cosmos.Database);
        var at = new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);
        Assert.True(await stores.Executions.StoreAsync(Reports.StoredFill(Instrument, 1, 21, 7, OrderSide.Buy, at, account: 1001)));
        Assert.True(await stores.Executions.StoreAsync(Reports.StoredFill(Instrument, 2, 22, 7, OrderSide.Sell, at, account: 1002)));

        Assert.Equal([1001L, 1002L], (await stores.Executions.GetWindowAsync(new ExecutionWindow(Instrument))).Select(e => e.EngineAccountId));
        var byOrder = Assert.Single(await stores.Executions.GetByEngineOrderAsync(Instrument, 22));
        Assert.Equal(Reports.StoredFill(Instrument, 2, 22, 7, OrderSide.Sell, at, account: 1002), byOrder);
    }

    [Fact]
    public async Task A_document_stored_before_reports_carried_accounts_reads_as_account_zero()
    {
        var stores = await ExecutionStores.CreateAsync(cosmos.Database);
        // The document exactly as the store wrote it before it kept accounts.
        const string old = """
            {"id":"600519:1","instrumentId":"600519","instrumentSequence":1,"engineOrderId":21,"kind":"Fill","tradeId":7,"priceTicks":10000,
             "quantity":100,"side":"Buy","reason":null,"rejectedRequest":"NewOrder","storedAt":"2026-03-02T01:30:00.0000000+00:00","storedAtMs":1772415000000}
            """;
        using var created = await stores.ExecutionsContainer.CreateItemStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(old)), new PartitionKey("600519"));
        Assert.True(created.IsSuccessStatusCode, created.ErrorMessage);

        var read = Assert.Single(await stores.Executions.GetWindowAsync(new ExecutionWindow(Instrument)));
        Assert.Equal((21L, OrderSide.Buy, 0L), (read.Report.EngineOrderId, read.Side, read.EngineAccountId));
    }
}
