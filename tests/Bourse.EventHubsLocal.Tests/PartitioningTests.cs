using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;
using Bourse.EventHubsLocal.Tests.Support;

namespace Bourse.EventHubsLocal.Tests;

public sealed class PartitioningTests
{
    [Fact]
    public async Task The_same_partition_key_always_lands_on_the_same_partition_and_different_keys_spread()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer();
        await using var consumer = hubs.Consumer();
        using var timeout = Timeouts.Short();
        var keys = Enumerable.Range(0, 16).Select(i => $"instrument-{i}").ToList();

        for (var round = 0; round < 3; round++)
        {
            foreach (var key in keys)
            {
                await producer.SendAsync([EventReading.Event(key, round)], new SendEventOptions { PartitionKey = key }, timeout.Token);
            }
        }

        var partitionsByKey = new Dictionary<string, HashSet<string>>();
        foreach (var id in await producer.GetPartitionIdsAsync(timeout.Token))
        {
            var count = (await producer.GetPartitionPropertiesAsync(id, timeout.Token)).LastEnqueuedSequenceNumber + 1;
            foreach (var e in await consumer.ReadAsync(id, EventPosition.Earliest, (int)count, timeout.Token))
            {
                Assert.Equal(e.EventBody.ToString(), e.PartitionKey);
                partitionsByKey.TryAdd(e.PartitionKey, []);
                partitionsByKey[e.PartitionKey].Add(id);
            }
        }

        Assert.Equal(keys.Order(), partitionsByKey.Keys.Order());
        Assert.All(partitionsByKey.Values, partitions => Assert.Single(partitions));
        Assert.True(partitionsByKey.Values.Select(p => p.Single()).Distinct().Count() >= 3, "16 keys should use at least 3 of 4 partitions.");
    }

    [Fact]
    public async Task Batches_without_a_key_or_partition_go_round_robin()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer();
        using var timeout = Timeouts.Short();

        for (var i = 0; i < 8; i++)
        {
            await producer.SendAsync([EventReading.Event("any", i)], timeout.Token);
        }

        foreach (var id in await producer.GetPartitionIdsAsync(timeout.Token))
        {
            Assert.Equal(1, (await producer.GetPartitionPropertiesAsync(id, timeout.Token)).LastEnqueuedSequenceNumber);
        }
    }
}
