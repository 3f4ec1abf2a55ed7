using System.Globalization;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;
using Bourse.EventHubsLocal.Tests.Support;

namespace Bourse.EventHubsLocal.Tests;

public sealed class PublishAndReadTests
{
    [Fact]
    public async Task A_batch_to_a_partition_reads_back_with_bodies_properties_and_broker_annotations()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer();
        await using var consumer = hubs.Consumer();
        using var timeout = Timeouts.Short();
        hubs.Clock.Advance(TimeSpan.FromSeconds(90));
        var sent = Enumerable.Range(1, 5).Select(i => EventReading.Event($"order {i}", i)).ToList();
        sent[0].ContentType = "application/json";
        sent[0].MessageId = "m-1";
        sent[0].CorrelationId = "c-1";

        await producer.SendBatchAsync(new CreateBatchOptions { PartitionId = "2" }, sent, timeout.Token);
        var read = await consumer.ReadAsync("2", EventPosition.Earliest, 5, timeout.Token);

        Assert.Equal(sent.Select(e => e.EventBody.ToString()), read.Select(e => e.EventBody.ToString()));
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal((long)(i + 1), read[i].Properties["sequence"]);
            Assert.Equal(sent[i].Properties["traceparent"], read[i].Properties["traceparent"]);
            Assert.Equal(i, read[i].SequenceNumber);
            Assert.Null(read[i].PartitionKey);
            Assert.Equal(hubs.Clock.GetUtcNow(), read[i].EnqueuedTime);
        }

        var offsets = read.Select(e => long.Parse(e.OffsetString, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(0, offsets[0]);
        Assert.Equal(offsets.Order(), offsets);
        Assert.Equal(offsets.Count, offsets.Distinct().Count());
        Assert.Equal("application/json", read[0].ContentType);
        Assert.Equal("m-1", read[0].MessageId);
        Assert.Equal("c-1", read[0].CorrelationId);
    }

    [Fact]
    public async Task A_batch_with_a_partition_key_keeps_the_key_and_lands_on_one_partition()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer();
        await using var consumer = hubs.Consumer();
        using var timeout = Timeouts.Short();

        await producer.SendBatchAsync(new CreateBatchOptions { PartitionKey = "AAPL" }, [EventReading.Event("x", 1), EventReading.Event("y", 2)], timeout.Token);
        var partition = await PartitionHoldingAsync(producer, timeout.Token);
        var read = await consumer.ReadAsync(partition, EventPosition.Earliest, 2, timeout.Token);

        Assert.Equal(["x", "y"], read.Select(e => e.EventBody.ToString()));
        Assert.All(read, e => Assert.Equal("AAPL", e.PartitionKey));
    }

    [Fact]
    public async Task A_single_event_sent_alone_is_stored_like_a_batched_one()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer(LocalEventHubs.Single);
        await using var consumer = hubs.Consumer(LocalEventHubs.Single);
        using var timeout = Timeouts.Short();

        // The client sends a one-event batch as a plain message (format 0), and SendAsync(events) likewise.
        await producer.SendAsync([EventReading.Event("alone", 7)], new SendEventOptions { PartitionKey = "k" }, timeout.Token);
        var read = await consumer.ReadAsync("0", EventPosition.Earliest, 1, timeout.Token);

        Assert.Equal("alone", read[0].EventBody.ToString());
        Assert.Equal(7L, read[0].Properties["sequence"]);
        Assert.Equal("k", read[0].PartitionKey);
        Assert.Equal(0, read[0].SequenceNumber);
    }

    [Fact]
    public async Task Positions_by_offset_sequence_number_and_enqueued_time_start_where_they_say()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer(LocalEventHubs.Single);
        await using var consumer = hubs.Consumer(LocalEventHubs.Single);
        using var timeout = Timeouts.Short();
        await producer.SendBatchAsync(new CreateBatchOptions(), Enumerable.Range(0, 3).Select(i => EventReading.Event($"e{i}", i)), timeout.Token);
        hubs.Clock.Advance(TimeSpan.FromSeconds(10));
        await producer.SendBatchAsync(new CreateBatchOptions(), Enumerable.Range(3, 3).Select(i => EventReading.Event($"e{i}", i)), timeout.Token);
        var all = await consumer.ReadAsync("0", EventPosition.Earliest, 6, timeout.Token);

        var fromOffset = await consumer.ReadAsync("0", EventPosition.FromOffset(all[2].OffsetString), 1, timeout.Token);
        var afterOffset = await consumer.ReadAsync("0", EventPosition.FromOffset(all[2].OffsetString, isInclusive: false), 1, timeout.Token);
        var fromSequence = await consumer.ReadAsync("0", EventPosition.FromSequenceNumber(4), 1, timeout.Token);
        var afterSequence = await consumer.ReadAsync("0", EventPosition.FromSequenceNumber(4, isInclusive: false), 1, timeout.Token);
        var fromTime = await consumer.ReadAsync("0", EventPosition.FromEnqueuedTime(all[0].EnqueuedTime.AddMilliseconds(-1)), 1, timeout.Token);
        var afterTime = await consumer.ReadAsync("0", EventPosition.FromEnqueuedTime(all[0].EnqueuedTime), 1, timeout.Token);

        Assert.Equal("e2", fromOffset[0].EventBody.ToString());
        Assert.Equal("e3", afterOffset[0].EventBody.ToString());
        Assert.Equal("e4", fromSequence[0].EventBody.ToString());
        Assert.Equal(5, afterSequence[0].SequenceNumber);
        Assert.Equal("e0", fromTime[0].EventBody.ToString());
        Assert.Equal("e3", afterTime[0].EventBody.ToString());
        Assert.Equal(all[0].EnqueuedTime.AddSeconds(10), afterTime[0].EnqueuedTime);
    }

    [Fact]
    public async Task Latest_reads_only_what_is_sent_after_the_consumer_attached_and_it_is_pushed_when_it_arrives()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer(LocalEventHubs.Single);
        await using var consumer = hubs.Consumer(LocalEventHubs.Single);
        using var timeout = Timeouts.Short();
        await producer.SendBatchAsync(new CreateBatchOptions(), [EventReading.Event("old", 0)], timeout.Token);

        var first = new TaskCompletionSource<PartitionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(async () =>
        {
            await foreach (var e in consumer.ReadEventsFromPartitionAsync("0", EventPosition.Latest, new ReadEventOptions(), timeout.Token))
            {
                first.TrySetResult(e);
                break;
            }
        });

        // The consumer is caught up and waits; whatever it gets must be the event sent after it attached.
        await Task.Delay(300, timeout.Token);
        Assert.False(first.Task.IsCompleted);
        await producer.SendBatchAsync(new CreateBatchOptions(), [EventReading.Event("new", 1)], timeout.Token);
        var received = await first.Task.WaitAsync(timeout.Token);
        await reading.WaitAsync(timeout.Token);

        Assert.Equal("new", received.Data.EventBody.ToString());
        Assert.Equal(1, received.Data.SequenceNumber);
    }

    [Fact]
    public async Task More_events_than_the_prefetch_arrive_in_order()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer(LocalEventHubs.Single);
        await using var consumer = hubs.Consumer(LocalEventHubs.Single);
        using var timeout = Timeouts.Short();
        for (var batch = 0; batch < 3; batch++)
        {
            await producer.SendBatchAsync(new CreateBatchOptions(), Enumerable.Range(0, 100).Select(i => EventReading.Event("x", batch * 100 + i)), timeout.Token);
        }

        // A prefetch of 20 makes the client grant credit in small steps: the broker must stop and resume many times.
        // (Smaller steps only make the client slower: it waits 20 ms for a fuller batch each time it gets fewer.)
        var events = new List<EventData>();
        var options = new ReadEventOptions { PrefetchCount = 20, CacheEventCount = 20 };
        await foreach (var e in consumer.ReadEventsFromPartitionAsync("0", EventPosition.Earliest, options, timeout.Token))
        {
            events.Add(e.Data);
            if (events.Count == 300)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), events.Select(e => e.SequenceNumber));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), events.Select(e => (long)e.Properties["sequence"]));
    }

    private static async Task<string> PartitionHoldingAsync(EventHubProducerClient producer, CancellationToken cancellationToken)
    {
        var holding = new List<string>();
        foreach (var id in await producer.GetPartitionIdsAsync(cancellationToken))
        {
            if (!(await producer.GetPartitionPropertiesAsync(id, cancellationToken)).IsEmpty)
            {
                holding.Add(id);
            }
        }

        return Assert.Single(holding);
    }
}
