using System.Diagnostics;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;
using Bourse.EventHubsLocal.Tests.Support;

namespace Bourse.EventHubsLocal.Tests;

public sealed class BadInputTests
{
    [Fact]
    public async Task Properties_of_an_unknown_hub_are_not_found()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer("nohub");
        using var timeout = Timeouts.Short();

        var error = await Assert.ThrowsAsync<EventHubsException>(() => producer.GetEventHubPropertiesAsync(timeout.Token));

        Assert.Equal(EventHubsException.FailureReason.ResourceNotFound, error.Reason);
    }

    [Fact]
    public async Task Sending_to_an_unknown_hub_or_partition_is_not_found_at_once()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var unknownHub = hubs.Producer("nohub");
        await using var producer = hubs.Producer();
        using var timeout = Timeouts.Short();
        var watch = Stopwatch.StartNew();

        var hubError = await Assert.ThrowsAsync<EventHubsException>(() => unknownHub.SendAsync([EventReading.Event("x", 0)], timeout.Token));
        var partitionError = await Assert.ThrowsAsync<EventHubsException>(
            () => producer.SendAsync([EventReading.Event("x", 0)], new SendEventOptions { PartitionId = "9" }, timeout.Token));

        Assert.Equal(EventHubsException.FailureReason.ResourceNotFound, hubError.Reason);
        Assert.Equal(EventHubsException.FailureReason.ResourceNotFound, partitionError.Reason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"Took {watch.Elapsed}.");
    }

    [Theory]
    [InlineData(LocalEventHubs.Orders, "$Default", "9")]
    [InlineData(LocalEventHubs.Orders, "nogroup", "0")]
    [InlineData("nohub", "$Default", "0")]
    public async Task Reading_from_an_unknown_hub_group_or_partition_is_not_found(string hub, string group, string partition)
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var consumer = hubs.Consumer(hub, group);
        using var timeout = Timeouts.Short();

        var error = await Assert.ThrowsAsync<EventHubsException>(() => consumer.ReadAsync(partition, EventPosition.Earliest, 1, timeout.Token));

        Assert.Equal(EventHubsException.FailureReason.ResourceNotFound, error.Reason);
    }
}
