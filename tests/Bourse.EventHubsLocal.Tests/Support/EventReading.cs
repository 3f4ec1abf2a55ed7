using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;

namespace Bourse.EventHubsLocal.Tests.Support;

internal static class EventReading
{
    /// <summary>Reads exactly <paramref name="count"/> events from a partition, or fails when the deadline passes first.</summary>
    public static async Task<List<EventData>> ReadAsync(
        this EventHubConsumerClient consumer, string partitionId, EventPosition position, int count, CancellationToken cancellationToken)
    {
        var events = new List<EventData>(count);
        if (count == 0)
        {
            return events;
        }

        var options = new ReadEventOptions { MaximumWaitTime = null };
        await foreach (var partitionEvent in consumer.ReadEventsFromPartitionAsync(partitionId, position, options, cancellationToken).ConfigureAwait(false))
        {
            events.Add(partitionEvent.Data);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }

    /// <summary>Sends <paramref name="bodies"/> as one batch with the given options.</summary>
    public static async Task SendBatchAsync(
        this EventHubProducerClient producer, CreateBatchOptions options, IEnumerable<EventData> events, CancellationToken cancellationToken)
    {
        using var batch = await producer.CreateBatchAsync(options, cancellationToken).ConfigureAwait(false);
        foreach (var data in events)
        {
            Assert.True(batch.TryAdd(data), "The event does not fit the batch.");
        }

        await producer.SendAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    public static EventData Event(string body, long sequence, string? traceparent = null)
    {
        var data = new EventData(BinaryData.FromString(body));
        data.Properties["sequence"] = sequence;
        data.Properties["traceparent"] = traceparent ?? $"00-{sequence:x32}-{sequence:x16}-01";
        return data;
    }
}
