using System.Net;
using System.Text.Json;
using Bourse.LocalEmulators.Tests.Support;
using Microsoft.Azure.Cosmos;

namespace Bourse.LocalEmulators.Tests.Cosmos;

/// <summary>Point operations through the real SDK against the local server: what the system of record relies on.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosItemTests(CosmosFixture cosmos)
{
    private static readonly DateTimeOffset Placed = new DateTimeOffset(2026, 11, 26, 9, 30, 0, 123, TimeSpan.FromHours(8)).AddTicks(4567);

    [Fact]
    public async Task Create_read_upsert_replace_delete_round_trip()
    {
        var container = await cosmos.CreateContainerAsync();
        var pk = new PartitionKey("acc-1");
        var order = new Order("o-1", "acc-1", "XSHG:600000", 10.25m, 100, Placed);

        var created = await container.CreateItemAsync(order, pk);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(string.IsNullOrEmpty(created.ETag));

        var read = await container.ReadItemAsync<Order>("o-1", pk);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(order, read.Resource);
        Assert.Equal(created.ETag, read.ETag);

        var upserted = await container.UpsertItemAsync(order with { Quantity = 200 }, pk);
        Assert.Equal(HttpStatusCode.OK, upserted.StatusCode);
        Assert.NotEqual(created.ETag, upserted.ETag);

        var replaced = await container.ReplaceItemAsync(
            order with { Quantity = 300, Status = "amended" }, "o-1", pk, new ItemRequestOptions { IfMatchEtag = upserted.ETag });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(300, (await container.ReadItemAsync<Order>("o-1", pk)).Resource.Quantity);

        var deleted = await container.DeleteItemAsync<Order>("o-1", pk);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var gone = await Assert.ThrowsAsync<CosmosException>(() => container.ReadItemAsync<Order>("o-1", pk));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Upsert_of_a_new_id_creates_it()
    {
        var container = await cosmos.CreateContainerAsync();
        var response = await container.UpsertItemAsync(new Order("o-1", "acc-1", "XSHG:600000", 1m, 1, Placed), new PartitionKey("acc-1"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Reading_a_missing_item_is_404_not_500()
    {
        var container = await cosmos.CreateContainerAsync();
        await container.CreateItemAsync(new Order("o-1", "acc-1", "XSHG:600000", 1m, 1, Placed), new PartitionKey("acc-1"));

        var missing = await Assert.ThrowsAsync<CosmosException>(() => container.ReadItemAsync<Order>("nope", new PartitionKey("acc-1")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // The right id under another partition key is another item, and missing too.
        var otherPartition = await Assert.ThrowsAsync<CosmosException>(() => container.ReadItemAsync<Order>("o-1", new PartitionKey("acc-2")));
        Assert.Equal(HttpStatusCode.NotFound, otherPartition.StatusCode);

        using var stream = await container.ReadItemStreamAsync("nope", new PartitionKey("acc-1"));
        Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
    }

    [Fact]
    public async Task Creating_a_duplicate_id_in_a_partition_is_409_and_other_partitions_are_separate()
    {
        var container = await cosmos.CreateContainerAsync();
        await container.CreateItemAsync(new Order("o-1", "acc-1", "XSHG:600000", 1m, 1, Placed), new PartitionKey("acc-1"));

        var duplicate = await Assert.ThrowsAsync<CosmosException>(
            () => container.CreateItemAsync(new Order("o-1", "acc-1", "XSHG:600000", 2m, 2, Placed), new PartitionKey("acc-1")));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        await container.CreateItemAsync(new Order("o-1", "acc-2", "XSHE:000001", 3m, 3, Placed), new PartitionKey("acc-2"));
        Assert.Equal(1m, (await container.ReadItemAsync<Order>("o-1", new PartitionKey("acc-1"))).Resource.Price);
        Assert.Equal(3m, (await container.ReadItemAsync<Order>("o-1", new PartitionKey("acc-2"))).Resource.Price);
    }

    [Fact]
    public async Task A_stale_IfMatchEtag_is_412_on_replace_upsert_and_delete()
    {
        var container = await cosmos.CreateContainerAsync();
        var pk = new PartitionKey("acc-1");
        var order = new Order("o-1", "acc-1", "XSHG:600000", 1m, 1, Placed);
        var first = await container.CreateItemAsync(order, pk);
        await container.ReplaceItemAsync(order with { Quantity = 2 }, "o-1", pk, new ItemRequestOptions { IfMatchEtag = first.ETag });
        var stale = new ItemRequestOptions { IfMatchEtag = first.ETag };

        var replace = await Assert.ThrowsAsync<CosmosException>(() => container.ReplaceItemAsync(order with { Quantity = 3 }, "o-1", pk, stale));
        var upsert = await Assert.ThrowsAsync<CosmosException>(() => container.UpsertItemAsync(order with { Quantity = 4 }, pk, stale));
        var delete = await Assert.ThrowsAsync<CosmosException>(() => container.DeleteItemAsync<Order>("o-1", pk, stale));

        Assert.All([replace, upsert, delete], ex => Assert.Equal(HttpStatusCode.PreconditionFailed, ex.StatusCode));
        Assert.Equal(2, (await container.ReadItemAsync<Order>("o-1", pk)).Resource.Quantity);
    }

    [Fact]
    public async Task Patch_increments_and_sets_and_a_failed_filter_predicate_is_412()
    {
        var container = await cosmos.CreateContainerAsync();
        var pk = new PartitionKey("acc-1");
        await container.CreateItemAsync(new Order("o-1", "acc-1", "XSHG:600000", 1m, 100, Placed), pk);

        var patched = await container.PatchItemAsync<Order>(
            "o-1", pk, [PatchOperation.Increment("/fills", 1), PatchOperation.Increment("/quantity", -40), PatchOperation.Set("/status", "partial")]);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal((1, 60L, "partial"), (patched.Resource.Fills, patched.Resource.Quantity, patched.Resource.Status));

        var conditional = new PatchItemRequestOptions { FilterPredicate = "FROM c WHERE c.status = 'new'" };
        var refused = await Assert.ThrowsAsync<CosmosException>(
            () => container.PatchItemAsync<Order>("o-1", pk, [PatchOperation.Increment("/fills", 1)], conditional));
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(1, (await container.ReadItemAsync<Order>("o-1", pk)).Resource.Fills);
    }

    [Fact]
    public async Task Decimal_and_DateTimeOffset_round_trip_in_camelCase_json()
    {
        var container = await cosmos.CreateContainerAsync();
        var pk = new PartitionKey("acc-1");
        decimal[] prices = [0.1m, 101.2345m, -3.5m, 12345678.9012m, 0m];
        for (var i = 0; i < prices.Length; i++)
        {
            await container.CreateItemAsync(new Order($"o-{i}", "acc-1", "XSHG:600000", prices[i], i, Placed.AddDays(i)), pk);
        }

        for (var i = 0; i < prices.Length; i++)
        {
            var read = (await container.ReadItemAsync<Order>($"o-{i}", pk)).Resource;
            Assert.Equal(prices[i], read.Price);
            Assert.Equal(Placed.AddDays(i), read.PlacedAt);
            Assert.Equal(TimeSpan.FromHours(8), read.PlacedAt.Offset);
        }

        using var raw = await container.ReadItemStreamAsync("o-1", pk);
        using var json = await JsonDocument.ParseAsync(raw.Content);
        Assert.Equal(101.2345m, json.RootElement.GetProperty("price").GetDecimal());
        Assert.Equal("2026-11-27T09:30:00.1234567+08:00", json.RootElement.GetProperty("placedAt").GetString());
        Assert.Equal("acc-1", json.RootElement.GetProperty("accountId").GetString());
    }

    [Fact]
    public async Task ReadMany_returns_the_items_asked_for_across_partitions()
    {
        var container = await cosmos.CreateContainerAsync();
        foreach (var account in new[] { "acc-1", "acc-2", "acc-3" })
        {
            await container.CreateItemAsync(new Order($"o-{account}", account, "XSHG:600000", 1m, 1, Placed), new PartitionKey(account));
        }

        var many = await container.ReadManyItemsAsync<Order>([("o-acc-1", new PartitionKey("acc-1")), ("o-acc-3", new PartitionKey("acc-3"))]);

        Assert.Equal(["o-acc-1", "o-acc-3"], many.Select(o => o.Id).Order());
    }
}
