using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;
using Bourse.EventHubsLocal.Tests.Support;

namespace Bourse.EventHubsLocal.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task A_restarted_server_serves_the_same_events_and_numbering_continues()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        using var timeout = Timeouts.Short();
        List<EventData> before;
        DateTimeOffset createdOn;
        await using (var producer = hubs.Producer())
        await using (var consumer = hubs.Consumer())
        {
            await producer.SendBatchAsync(new CreateBatchOptions { PartitionId = "1" }, Enumerable.Range(0, 3).Select(i => EventReading.Event($"e{i}", i)), timeout.Token);
            await producer.SendBatchAsync(new CreateBatchOptions { PartitionKey = "k" }, [EventReading.Event("keyed", 9)], timeout.Token);
            before = await consumer.ReadAsync("1", EventPosition.Earliest, 3, timeout.Token);
            createdOn = (await producer.GetEventHubPropertiesAsync(timeout.Token)).CreatedOn;
        }

        await hubs.RestartAsync();

        await using (var producer = hubs.Producer())
        await using (var consumer = hubs.Consumer())
        {
            var after = await consumer.ReadAsync("1", EventPosition.Earliest, 3, timeout.Token);
            Assert.Equal(before.Select(Identity), after.Select(Identity));
            Assert.Equal(before.Select(e => e.Properties["traceparent"]), after.Select(e => e.Properties["traceparent"]));
            Assert.Equal(createdOn, (await producer.GetEventHubPropertiesAsync(timeout.Token)).CreatedOn);

            await producer.SendBatchAsync(new CreateBatchOptions { PartitionId = "1" }, [EventReading.Event("e3", 3)], timeout.Token);
            var next = await consumer.ReadAsync("1", EventPosition.FromOffset(after[^1].OffsetString, isInclusive: false), 1, timeout.Token);
            Assert.Equal(3, next[0].SequenceNumber);
            Assert.Equal("e3", next[0].EventBody.ToString());
            Assert.True(long.Parse(next[0].OffsetString, System.Globalization.CultureInfo.InvariantCulture) >
                long.Parse(after[^1].OffsetString, System.Globalization.CultureInfo.InvariantCulture));

            // The keyed event is still on the partition its key maps to, which is the same after the restart.
            await producer.SendBatchAsync(new CreateBatchOptions { PartitionKey = "k" }, [EventReading.Event("keyed again", 10)], timeout.Token);
            var keyed = new List<EventData>();
            foreach (var id in await producer.GetPartitionIdsAsync(timeout.Token))
            {
                var properties = await producer.GetPartitionPropertiesAsync(id, timeout.Token);
                var events = await consumer.ReadAsync(id, EventPosition.Earliest, (int)(properties.LastEnqueuedSequenceNumber + 1), timeout.Token);
                keyed.AddRange(events.Where(e => e.PartitionKey == "k"));
            }

            Assert.Equal(["keyed", "keyed again"], keyed.Select(e => e.EventBody.ToString()));
        }
    }

    private static (string Body, long SequenceNumber, string Offset, DateTimeOffset EnqueuedTime) Identity(EventData e) =>
        (e.EventBody.ToString(), e.SequenceNumber, e.OffsetString, e.EnqueuedTime);
}
