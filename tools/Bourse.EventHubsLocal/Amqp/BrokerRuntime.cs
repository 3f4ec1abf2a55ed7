using System.Collections.Concurrent;
using Bourse.EventHubsLocal.Hubs;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transport;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>
/// The AMQP library's hook into the broker: it creates the server side of every connection and link, routing each
/// link by its address (<see cref="EntityAddress"/>) to the node, producer or consumer that serves it.
/// </summary>
/// <remarks>
/// An address that names nothing, or a link in the wrong direction, fails the attach with an AMQP error that the
/// client surfaces as an EventHubsException (ResourceNotFound for unknown hubs, partitions and consumer groups).
/// </remarks>
internal sealed class BrokerRuntime : IRuntimeProvider
{
    private readonly EventHubCatalog _catalog;
    private readonly uint _maxMessageSize;
    private readonly TimeProvider _timeProvider;
    private readonly RequestResponseNode _cbs = new(CbsRequestHandler.Handle);
    private readonly RequestResponseNode _management;
    private readonly ExclusiveReceivers _exclusiveReceivers = new();
    private readonly ConcurrentDictionary<Task, bool> _pumps = new();

    public BrokerRuntime(EventHubCatalog catalog, int maxMessageSize, TimeProvider timeProvider)
    {
        _catalog = catalog;
        _maxMessageSize = (uint)maxMessageSize;
        _timeProvider = timeProvider;
        _management = new RequestResponseNode(new ManagementRequestHandler(catalog).Handle);
    }

    /// <summary>Waits for the consumer pumps, which end once their links (closed with their connections) are closed.</summary>
    public Task WhenPumpsStoppedAsync() => Task.WhenAll(_pumps.Keys);

    public AmqpConnection CreateConnection(
        TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings) =>
        new(transport, protocolHeader, isInitiator, amqpSettings, connectionSettings);

    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) => new(connection, settings, this);

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        // Role true: this side receives, so the client sends on the link and the address is the target's.
        var serverReceives = settings.Role == true;
        var address = serverReceives
            ? (settings.Target as Target)?.Address?.ToString()
            : (settings.Source as Source)?.Address?.ToString();
        var entity = EntityAddress.TryParse(address) ?? throw BrokerErrors.NotFound(address ?? "(no address)");

        return (entity.Kind, serverReceives) switch
        {
            (EntityKind.Cbs, true) => RequestLink(_cbs, session, settings),
            (EntityKind.Cbs, false) => ReplyLink(_cbs, session, settings),
            (EntityKind.Management, true) => RequestLink(_management, session, settings),
            (EntityKind.Management, false) => ReplyLink(_management, session, settings),
            (EntityKind.Hub or EntityKind.PartitionSender, true) => ProducerLink(entity, session, settings),
            (EntityKind.PartitionReceiver, false) => ConsumerLinkFor(entity, session, settings),
            (EntityKind.PartitionReceiver, true) => throw BrokerErrors.NotAllowed($"Cannot send to '{address}': it is a consumer address."),
            _ => throw BrokerErrors.NotAllowed($"Cannot receive from '{address}': use <hub>/ConsumerGroups/<group>/Partitions/<id>."),
        };
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state) =>
        // Everything was checked and wired in CreateLink: the open completes at once.
        TaskToAsyncResult.Begin(Task.CompletedTask, callback, state);

    public void EndOpenLink(IAsyncResult result) => TaskToAsyncResult.End(result);

    private static ReceivingAmqpLink RequestLink(RequestResponseNode node, AmqpSession session, AmqpLinkSettings settings)
    {
        var link = new ReceivingAmqpLink(session, settings);
        node.AddRequestLink(link);
        return link;
    }

    private static SendingAmqpLink ReplyLink(RequestResponseNode node, AmqpSession session, AmqpLinkSettings settings)
    {
        var link = new SendingAmqpLink(session, settings);
        node.AddReplyLink(link);
        return link;
    }

    private ReceivingAmqpLink ProducerLink(EntityAddress entity, AmqpSession session, AmqpLinkSettings settings)
    {
        var hub = FindHub(entity);
        var partition = entity.PartitionId is null
            ? null
            : hub.FindPartition(entity.PartitionId) ?? throw BrokerErrors.NotFound($"{hub.Name}/Partitions/{entity.PartitionId}");

        // The client sizes its batches by the max message size of the attach it gets back, and fails without one.
        settings.MaxMessageSize = _maxMessageSize;
        var link = new ReceivingAmqpLink(session, settings);
        new PublisherLink(link, hub, partition).Start();
        return link;
    }

    private SendingAmqpLink ConsumerLinkFor(EntityAddress entity, AmqpSession session, AmqpLinkSettings settings)
    {
        var hub = FindHub(entity);
        var group = entity.ConsumerGroup!;
        if (!hub.HasConsumerGroup(group))
        {
            throw BrokerErrors.NotFound($"{hub.Name}/ConsumerGroups/{group}");
        }

        var partition = hub.FindPartition(entity.PartitionId!) ??
            throw BrokerErrors.NotFound($"{hub.Name}/ConsumerGroups/{group}/Partitions/{entity.PartitionId}");
        Storage.StartPosition position;
        try
        {
            position = EventPositionFilter.FromSource(settings.Source as Source);
        }
        catch (FormatException e)
        {
            throw BrokerErrors.Argument(e.Message);
        }

        // Everything that can refuse the attach runs before the link exists: a created link is already in the session.
        var exclusiveKey = $"{hub.Name}/{group}/{partition.PartitionId}";
        var ownerLevel = ConsumerLink.OwnerLevelOf(settings);
        _exclusiveReceivers.ThrowIfRefused(exclusiveKey, ownerLevel);
        var link = new SendingAmqpLink(session, settings);
        var consumer = new ConsumerLink(
            link, partition, partition.Resolve(position), ownerLevel, ConsumerLink.WantsLastEnqueued(settings), _timeProvider);
        _exclusiveReceivers.Add(exclusiveKey, consumer);
        var pump = consumer.RunAsync();
        _pumps.TryAdd(pump, true);
        _ = pump.ContinueWith(t => _pumps.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return link;
    }

    private EventHub FindHub(EntityAddress entity) => _catalog.Find(entity.Hub) ?? throw BrokerErrors.NotFound(entity.Hub);
}
