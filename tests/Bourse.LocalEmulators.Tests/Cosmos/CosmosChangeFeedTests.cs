using System.Net;
using Bourse.LocalEmulators.Tests.Support;
using Microsoft.Azure.Cosmos;

namespace Bourse.LocalEmulators.Tests.Cosmos;

/// <summary>The change feed (latest-version mode) as projections and the change feed processor read it.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosChangeFeedTests(CosmosFixture cosmos)
{
    private static readonly DateTimeOffset Placed = new(2026, 11, 26, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task An_iterator_started_now_sees_only_later_writes_and_nothing_when_nothing_is_new()
    {
        var container = await cosmos.CreateContainerAsync();
        await container.CreateItemAsync(Order("before", "acc-1"), new PartitionKey("acc-1"));
        using var feed = container.GetChangeFeedIterator<Order>(ChangeFeedStartFrom.Now(), ChangeFeedMode.LatestVersion);

        var idle = await feed.ReadNextAsync();
        Assert.Equal(HttpStatusCode.NotModified, idle.StatusCode);
        Assert.Empty(idle);

        await container.CreateItemAsync(Order("after-1", "acc-1"), new PartitionKey("acc-1"));
        await container.CreateItemAsync(Order("after-2", "acc-2"), new PartitionKey("acc-2"));
        var changes = await feed.ReadNextAsync();
        Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
        Assert.Equal(["after-1", "after-2"], changes.Select(o => o.Id));

        var nothingNew = await feed.ReadNextAsync();
        Assert.Equal(HttpStatusCode.NotModified, nothingNew.StatusCode);

        // An update brings the item back once, in its newest version.
        await container.UpsertItemAsync(Order("before", "acc-1") with { Status = "filled" }, new PartitionKey("acc-1"));
        var update = await feed.ReadNextAsync();
        Assert.Equal("filled", Assert.Single(update).Status);
    }

    [Fact]
    public async Task From_the_beginning_each_item_appears_once_in_its_latest_version_in_write_order()
    {
        var container = await cosmos.CreateContainerAsync();
        await container.CreateItemAsync(Order("a", "acc-1"), new PartitionKey("acc-1"));
        await container.CreateItemAsync(Order("b", "acc-1"), new PartitionKey("acc-1"));
        await container.UpsertItemAsync(Order("a", "acc-1") with { Status = "partial" }, new PartitionKey("acc-1"));
        await container.DeleteItemAsync<Order>("b", new PartitionKey("acc-1"));
        await container.CreateItemAsync(Order("c", "acc-1"), new PartitionKey("acc-1"));

        var all = await ReadUntilIdleAsync(container.GetChangeFeedIterator<Order>(ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion));

        Assert.Equal([("a", "partial"), ("c", "new")], all.Select(o => (o.Id, o.Status)));
    }

    [Fact]
    public async Task A_continuation_token_resumes_after_what_was_read()
    {
        var container = await cosmos.CreateContainerAsync();
        await container.CreateItemAsync(Order("a", "acc-1"), new PartitionKey("acc-1"));
        string token;
        using (var feed = container.GetChangeFeedIterator<Order>(ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion))
        {
            var page = await feed.ReadNextAsync();
            Assert.Equal("a", Assert.Single(page).Id);
            token = page.ContinuationToken;
        }

        await container.CreateItemAsync(Order("b", "acc-1"), new PartitionKey("acc-1"));
        var resumed = await ReadUntilIdleAsync(
            container.GetChangeFeedIterator<Order>(ChangeFeedStartFrom.ContinuationToken(token), ChangeFeedMode.LatestVersion));

        Assert.Equal(["b"], resumed.Select(o => o.Id));
    }

    [Fact]
    public async Task A_feed_for_one_partition_key_sees_only_that_partition()
    {
        var container = await cosmos.CreateContainerAsync();
        foreach (var (id, account) in new[] { ("a", "acc-1"), ("b", "acc-2"), ("c", "acc-1") })
        {
            await container.CreateItemAsync(Order(id, account), new PartitionKey(account));
        }

        var acc1 = await ReadUntilIdleAsync(container.GetChangeFeedIterator<Order>(
            ChangeFeedStartFrom.Beginning(FeedRange.FromPartitionKey(new PartitionKey("acc-1"))), ChangeFeedMode.LatestVersion));

        Assert.Equal(["a", "c"], acc1.Select(o => o.Id));
    }

    [Fact]
    public async Task Pages_are_limited_by_the_page_size_hint()
    {
        var container = await cosmos.CreateContainerAsync();
        for (var i = 0; i < 5; i++)
        {
            await container.CreateItemAsync(Order($"o-{i}", "acc-1"), new PartitionKey("acc-1"));
        }

        using var feed = container.GetChangeFeedIterator<Order>(
            ChangeFeedStartFrom.Beginning(), ChangeFeedMode.LatestVersion, new ChangeFeedRequestOptions { PageSizeHint = 2 });
        var sizes = new List<int>();
        while (true)
        {
            var page = await feed.ReadNextAsync();
            if (page.StatusCode == HttpStatusCode.NotModified)
            {
                break;
            }

            sizes.Add(page.Count);
        }

        Assert.Equal([2, 2, 1], sizes);
    }

    private static Order Order(string id, string account) => new(id, account, "XSHG:600000", 10m, 100, Placed);

    private static async Task<List<Order>> ReadUntilIdleAsync(FeedIterator<Order> feed)
    {
        using (feed)
        {
            var items = new List<Order>();
            for (var pages = 0; pages < 50; pages++)
            {
                var page = await feed.ReadNextAsync();
                if (page.StatusCode == HttpStatusCode.NotModified)
                {
                    return items;
                }

                items.AddRange(page);
            }

            throw new InvalidOperationException("the change feed never ran dry: its continuation does not advance");
        }
    }
}
