using System.Text.Json;
using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain.Ledger;
using static Bourse.Adapters.Tests.Support.LedgerScenario;

namespace Bourse.Adapters.Tests.Cosmos;

/// <summary>What the documents look like in Cosmos DB: ids, partition keys, markers, amounts as exact decimal strings.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class StoredDocumentTests(CosmosFixture cosmos)
{
    [Fact]
    public async Task Amounts_are_stored_as_decimal_strings_and_round_trip_beyond_double_precision()
    {
        var test = await cosmos.CreateLedgerAsync();
        var amount = 123_456.789012345678901m; // 21 significant digits: no double holds it
        await FundAsync(test.Ledger, "acc", "CNY", amount);

        Assert.Equal(amount, (await test.Ledger.GetAccountAsync("acc")).BalanceOf("CNY").Available);
        using var raw = await cosmos.Database.GetContainer(test.Options.AccountsContainer).ReadItemStreamAsync("acc", new Microsoft.Azure.Cosmos.PartitionKey("acc"));
        using var json = await JsonDocument.ParseAsync(raw.Content);
        var available = json.RootElement.GetProperty("balances").GetProperty("CNY").GetProperty("available");
        Assert.Equal((JsonValueKind.String, "123456.789012345678901"), (available.ValueKind, available.GetString()));
        Assert.Equal("transfer:fund-acc-CNY", Assert.Single(json.RootElement.GetProperty("recent").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_fill_entry_is_partitioned_by_instrument_and_day_and_records_its_accounts()
    {
        var test = await cosmos.CreateLedgerAsync();
        await FundAsync(test.Ledger, "b", "CNY", 10_000m);
        await FundAsync(test.Ledger, "s", Instrument, 100m);
        var fill = Fill("t-9", 10m, 100, "b", "ob", "s", "os");
        await test.Ledger.ClearFillAsync(fill);

        Assert.Equal("fill:XSHG:600000:2026-03-02", LedgerPartitionKeys.ForFill(fill));
        var entry = await test.Store.ReadEntryAsync(EntryIds.Fill(Instrument, "t-9"), LedgerPartitionKeys.ForFill(fill), CancellationToken.None);
        Assert.NotNull(entry);
        Assert.Equal("complete", entry.Document.Status);
        Assert.Equal(["b", "s", "fee-income"], entry.Document.Accounts);
        Assert.Equal(["b", "fee-income", "s"], entry.Document.AppliedTo.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(CosmosFixture.Start, entry.Document.CompletedAt);
    }
}
