using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using Bourse.EventHubsLocal.Tests.Support;

namespace Bourse.EventHubsLocal.Tests;

public sealed class PropertiesTests
{
    [Fact]
    public async Task Hub_properties_list_the_configured_partitions()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer();
        using var timeout = Timeouts.Short();

        var properties = await producer.GetEventHubPropertiesAsync(timeout.Token);

        Assert.Equal(LocalEventHubs.Orders, properties.Name);
        Assert.Equal(["0", "1", "2", "3"], properties.PartitionIds);
        Assert.Equal(hubs.Clock.GetUtcNow(), properties.CreatedOn);
        Assert.Equal(["0", "1", "2", "3"], await producer.GetPartitionIdsAsync(timeout.Token));
    }

    [Fact]
    public async Task An_empty_partition_says_so()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer();
        using var timeout = Timeouts.Short();

        var partition = await producer.GetPartitionPropertiesAsync("2", timeout.Token);

        Assert.Equal(LocalEventHubs.Orders, partition.EventHubName);
        Assert.Equal("2", partition.Id);
        Assert.True(partition.IsEmpty);
        Assert.Equal(-1, partition.LastEnqueuedSequenceNumber);
        Assert.Equal("-1", partition.LastEnqueuedOffsetString);
    }

    [Fact]
    public async Task Partition_properties_follow_the_events_sent()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer();
        using var timeout = Timeouts.Short();
        hubs.Clock.Advance(TimeSpan.FromMinutes(1));

        await producer.SendBatchAsync(new CreateBatchOptions { PartitionId = "1" }, [EventReading.Event("a", 1), EventReading.Event("b", 2)], timeout.Token);
        await producer.SendBatchAsync(new CreateBatchOptions { PartitionId = "1" }, [EventReading.Event("c", 3)], timeout.Token);
        var partition = await producer.GetPartitionPropertiesAsync("1", timeout.Token);
        var other = await producer.GetPartitionPropertiesAsync("0", timeout.Token);

        Assert.False(partition.IsEmpty);
        Assert.Equal(0, partition.BeginningSequenceNumber);
        Assert.Equal(2, partition.LastEnqueuedSequenceNumber);
        Assert.True(long.Parse(partition.LastEnqueuedOffsetString, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(hubs.Clock.GetUtcNow(), partition.LastEnqueuedTime);
        Assert.True(other.IsEmpty);
    }
}
