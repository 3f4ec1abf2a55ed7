using Bourse.LocalEmulators.Tests.Support;
using Microsoft.Azure.Cosmos;
using Microsoft.Azure.Cosmos.Linq;

namespace Bourse.LocalEmulators.Tests.Cosmos;

/// <summary>Queries through the SDK's full query pipeline (query plan, partition routing, continuation tokens).</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosQueryTests(CosmosFixture cosmos)
{
    private static readonly DateTimeOffset Placed = new(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_parameterized_query_scoped_to_a_partition_key_returns_only_that_partition()
    {
        var container = await SeededAsync();
        var query = new QueryDefinition("SELECT * FROM c WHERE c.instrument = @instrument").WithParameter("@instrument", "XSHG:600000");

        var orders = await DrainAsync(container.GetItemQueryIterator<Order>(
            query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("acc-2") }));

        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.Equal(("acc-2", "XSHG:600000"), (o.AccountId, o.Instrument)));
        Assert.Equal(Orders().Count(o => o.AccountId == "acc-2" && o.Instrument == "XSHG:600000"), orders.Count);
    }

    [Fact]
    public async Task A_query_without_a_partition_key_crosses_partitions_with_order_by_and_top()
    {
        var container = await SeededAsync();

        var top = await DrainAsync(container.GetItemQueryIterator<Order>("SELECT TOP 3 * FROM c ORDER BY c.price DESC"));

        Assert.Equal(Orders().OrderByDescending(o => o.Price).Take(3).Select(o => o.Id), top.Select(o => o.Id));
        Assert.True(top.Select(o => o.AccountId).Distinct().Count() > 1, "the top prices come from several partitions");
    }

    [Fact]
    public async Task A_cross_partition_aggregate_counts_every_item()
    {
        var container = await SeededAsync();

        var counts = await DrainAsync(container.GetItemQueryIterator<long>("SELECT VALUE COUNT(1) FROM c"));

        Assert.Equal(Orders().Count, Assert.Single(counts));
    }

    [Fact]
    public async Task Paging_with_continuation_tokens_returns_every_item_once_and_resumes_in_a_new_iterator()
    {
        var container = await SeededAsync();
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey("acc-1"), MaxItemCount = 3 };
        const string Sql = "SELECT * FROM c ORDER BY c.id";

        using var iterator = container.GetItemQueryIterator<Order>(Sql, requestOptions: options);
        var firstPage = await iterator.ReadNextAsync();
        Assert.Equal(3, firstPage.Count);
        Assert.False(string.IsNullOrEmpty(firstPage.ContinuationToken));

        // A new iterator from the token, as a stateless API would do between two HTTP requests.
        var rest = await DrainAsync(container.GetItemQueryIterator<Order>(Sql, firstPage.ContinuationToken, options), pageLimit: 3);

        var expected = Orders().Where(o => o.AccountId == "acc-1").Select(o => o.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, firstPage.Select(o => o.Id).Concat(rest.Select(o => o.Id)));
    }

    [Fact]
    public async Task Linq_with_ToFeedIterator_uses_the_camelCase_names()
    {
        var container = await SeededAsync();
        var query = container.GetItemLinqQueryable<Order>(requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("acc-3") })
            .Where(o => o.Price >= 20m)
            .OrderBy(o => o.Price);

        var orders = await DrainAsync(query.ToFeedIterator());

        Assert.Equal(
            Orders().Where(o => o.AccountId == "acc-3" && o.Price >= 20m).OrderBy(o => o.Price).Select(o => o.Id),
            orders.Select(o => o.Id));
    }

    [Fact]
    public async Task A_read_feed_scoped_to_a_partition_key_returns_only_that_partition()
    {
        var container = await SeededAsync();

        var orders = await DrainAsync(container.GetItemQueryIterator<Order>(
            queryText: null, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("acc-1"), MaxItemCount = 4 }));

        Assert.Equal(Orders().Count(o => o.AccountId == "acc-1"), orders.Count);
        Assert.All(orders, o => Assert.Equal("acc-1", o.AccountId));
    }

    /// <summary>Ten orders in each of three accounts, two instruments, distinct prices.</summary>
    private static List<Order> Orders() =>
        [.. Enumerable.Range(0, 30).Select(i => new Order(
            $"o-{i:D2}", $"acc-{(i % 3) + 1}", i % 2 == 0 ? "XSHG:600000" : "XSHE:000001", 10m + (i * 7 % 30) + 0.25m, 100 + i, Placed.AddMinutes(i)))];

    private async Task<Container> SeededAsync()
    {
        var container = await cosmos.CreateContainerAsync();
        foreach (var order in Orders())
        {
            await container.CreateItemAsync(order, new PartitionKey(order.AccountId));
        }

        return container;
    }

    private static async Task<List<T>> DrainAsync<T>(FeedIterator<T> iterator, int pageLimit = 100)
    {
        using (iterator)
        {
            var items = new List<T>();
            for (var pages = 0; iterator.HasMoreResults; pages++)
            {
                Assert.True(pages < pageLimit, $"more than {pageLimit} pages: the continuation does not advance");
                items.AddRange(await iterator.ReadNextAsync());
            }

            return items;
        }
    }
}
