using System.Globalization;
using Bourse.EventHubsLocal.Storage;
using Microsoft.Azure.Amqp;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>Takes events out of a producer's transfer and stamps them with what the partition assigned.</summary>
internal static class EventMessageCodec
{
    /// <summary>
    /// The events in <paramref name="message"/>: the data sections of a batch (message format
    /// <see cref="EventHubsAmqp.BatchMessageFormat"/>) decoded as messages, or the message itself. The client sends a
    /// batch of one event as a plain message.
    /// </summary>
    public static IReadOnlyList<AmqpMessage> Unpack(AmqpMessage message)
    {
        if (message.MessageFormat != EventHubsAmqp.BatchMessageFormat)
        {
            return [message];
        }

        var events = new List<AmqpMessage>();
        foreach (var data in message.DataBody ?? [])
        {
            var bytes = data.Value switch
            {
                ArraySegment<byte> segment => segment.ToArray(),
                byte[] array => array,
                _ => throw new AmqpException(AmqpErrorCode.DecodeError, "A batch's data section does not hold a message."),
            };
            events.Add(AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([new ArraySegment<byte>(bytes)])));
        }

        return events;
    }

    /// <summary>The partition key of a transfer (the client puts it on the batch and on each event), or null.</summary>
    public static string? PartitionKey(AmqpMessage message) =>
        message.MessageAnnotations.Map.TryGetValue<string>(EventHubsAmqp.PartitionKeyAnnotation, out var key) && !string.IsNullOrEmpty(key)
            ? key
            : null;

    /// <summary>
    /// Sets the broker annotations on <paramref name="message"/> (and the batch's partition key when the event lacks
    /// it) and encodes it; the body and the producer's sections are copied as they came.
    /// </summary>
    public static byte[] Stamp(AmqpMessage message, EventStamp stamp, string? partitionKey)
    {
        var annotations = message.MessageAnnotations.Map;
        annotations[EventHubsAmqp.SequenceNumberAnnotation] = stamp.SequenceNumber;
        // A string since client 5.12: the service no longer promises numeric offsets.
        annotations[EventHubsAmqp.OffsetAnnotation] = stamp.Offset.ToString(CultureInfo.InvariantCulture);
        annotations[EventHubsAmqp.EnqueuedTimeAnnotation] = stamp.EnqueuedTime.UtcDateTime;
        if (partitionKey is not null && !annotations.TryGetValue<string>(EventHubsAmqp.PartitionKeyAnnotation, out _))
        {
            annotations[EventHubsAmqp.PartitionKeyAnnotation] = partitionKey;
        }

        var payload = message.GetPayload();
        var bytes = new byte[payload.Sum(s => s.Count)];
        var at = 0;
        foreach (var segment in payload)
        {
            segment.AsSpan().CopyTo(bytes.AsSpan(at));
            at += segment.Count;
        }

        return bytes;
    }
}
