using Bourse.EventHubsLocal.Hubs;
using Bourse.EventHubsLocal.Storage;
using Microsoft.Azure.Amqp;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>
/// A producer's link (target <c>hub</c> or <c>hub/Partitions/n</c>): each transfer, a single event or a batch, is
/// appended to one partition as consecutive events and then accepted, so an accepted send is stored.
/// </summary>
/// <remarks>
/// A batch goes to one partition, chosen by its partition key, else round-robin, unless the link names the partition.
/// The append runs on the AMQP I/O callback: it is one write (plus an fsync with FlushToDisk), and the link's credit
/// (1,000 transfers, renewed as they are settled) bounds what a producer can have in flight.
/// </remarks>
internal sealed class PublisherLink(ReceivingAmqpLink link, EventHub hub, PartitionLog? partition)
{
    public void Start() => link.RegisterMessageListener(OnMessage);

    private void OnMessage(AmqpMessage message)
    {
        IReadOnlyList<AmqpMessage> events = [];
        try
        {
            events = EventMessageCodec.Unpack(message);
            var partitionKey = EventMessageCodec.PartitionKey(message);
            var target = partition ?? hub.SelectPartition(partitionKey);
            target.Append(events, (e, stamp) => EventMessageCodec.Stamp(e, stamp, partitionKey));
            link.AcceptMessage(message, message.Batchable);
        }
        catch (Exception e)
        {
            // Whatever went wrong (a bad batch, a full disk, a closed partition, a bug), the producer gets a rejection
            // with the reason instead of waiting for an outcome that never comes.
            TryReject(message, e);
        }
        finally
        {
            foreach (var e in events)
            {
                if (!ReferenceEquals(e, message))
                {
                    e.Dispose();
                }
            }

            message.Dispose();
        }
    }

    private void TryReject(AmqpMessage message, Exception error)
    {
        try
        {
            link.RejectMessage(message, error);
        }
        catch (Exception e) when (e is AmqpException or InvalidOperationException or ObjectDisposedException)
        {
            // The link closed meanwhile; the producer sees the closed link instead.
        }
    }
}
