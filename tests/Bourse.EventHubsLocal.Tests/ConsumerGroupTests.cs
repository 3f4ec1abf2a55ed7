using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Producer;
using Bourse.EventHubsLocal.Tests.Support;

namespace Bourse.EventHubsLocal.Tests;

public sealed class ConsumerGroupTests
{
    [Fact]
    public async Task Two_consumer_groups_read_the_same_events_independently()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer();
        await using var settlement = hubs.Consumer();
        await using var audit = hubs.Consumer(group: LocalEventHubs.AuditGroup);
        using var timeout = Timeouts.Short();
        await producer.SendBatchAsync(new CreateBatchOptions { PartitionId = "3" }, Enumerable.Range(0, 4).Select(i => EventReading.Event($"e{i}", i)), timeout.Token);

        // One group reads part of the partition; the other still starts from the beginning and reads it all.
        var firstTwo = await settlement.ReadAsync("3", EventPosition.Earliest, 2, timeout.Token);
        var auditAll = await audit.ReadAsync("3", EventPosition.Earliest, 4, timeout.Token);
        var rest = await settlement.ReadAsync("3", EventPosition.FromSequenceNumber(firstTwo[^1].SequenceNumber, isInclusive: false), 2, timeout.Token);

        Assert.Equal(["e0", "e1"], firstTwo.Select(e => e.EventBody.ToString()));
        Assert.Equal(["e0", "e1", "e2", "e3"], auditAll.Select(e => e.EventBody.ToString()));
        Assert.Equal(["e2", "e3"], rest.Select(e => e.EventBody.ToString()));
    }

    [Fact]
    public async Task Events_carry_the_partitions_last_enqueued_properties_when_asked()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer(LocalEventHubs.Single);
        await using var consumer = hubs.Consumer(LocalEventHubs.Single);
        using var timeout = Timeouts.Short();
        await producer.SendBatchAsync(new CreateBatchOptions(), Enumerable.Range(0, 3).Select(i => EventReading.Event($"e{i}", i)), timeout.Token);

        LastEnqueuedEventProperties last = default;
        var options = new ReadEventOptions { TrackLastEnqueuedEventProperties = true };
        await foreach (var e in consumer.ReadEventsFromPartitionAsync("0", EventPosition.Earliest, options, timeout.Token))
        {
            last = e.Partition.ReadLastEnqueuedEventProperties();
            break;
        }

        Assert.Equal(2, last.SequenceNumber);
        Assert.NotNull(last.OffsetString);
        Assert.NotNull(last.EnqueuedTime);
        Assert.NotNull(last.LastReceivedTime);
    }

    [Fact]
    public async Task A_receiver_with_a_higher_owner_level_takes_the_partition_from_a_lower_one()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer(LocalEventHubs.Single);
        using var timeout = Timeouts.Short();
        var options = new PartitionReceiverOptions { RetryOptions = LocalEventHubs.FailFast() };
        await using var first = new PartitionReceiver(EventHubConsumerClient.DefaultConsumerGroupName, "0", EventPosition.Earliest, hubs.ConnectionString, LocalEventHubs.Single, new PartitionReceiverOptions { OwnerLevel = 1, RetryOptions = LocalEventHubs.FailFast() });
        await producer.SendBatchAsync(new CreateBatchOptions(), [EventReading.Event("e0", 0)], timeout.Token);
        Assert.Single(await first.ReceiveBatchAsync(10, TimeSpan.FromSeconds(2), timeout.Token));

        await using var second = new PartitionReceiver(EventHubConsumerClient.DefaultConsumerGroupName, "0", EventPosition.Earliest, hubs.ConnectionString, LocalEventHubs.Single, new PartitionReceiverOptions { OwnerLevel = 2, RetryOptions = LocalEventHubs.FailFast() });
        Assert.Single(await second.ReceiveBatchAsync(10, TimeSpan.FromSeconds(2), timeout.Token));

        var stolen = await Assert.ThrowsAsync<EventHubsException>(() => first.ReceiveBatchAsync(10, TimeSpan.FromSeconds(1), timeout.Token));
        Assert.Equal(EventHubsException.FailureReason.ConsumerDisconnected, stolen.Reason);
        await using var lower = new PartitionReceiver(EventHubConsumerClient.DefaultConsumerGroupName, "0", EventPosition.Earliest, hubs.ConnectionString, LocalEventHubs.Single, options);
        var refused = await Assert.ThrowsAsync<EventHubsException>(() => lower.ReceiveBatchAsync(10, TimeSpan.FromSeconds(1), timeout.Token));
        Assert.Equal(EventHubsException.FailureReason.ConsumerDisconnected, refused.Reason);
    }
}
