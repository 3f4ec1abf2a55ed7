using Bourse.EventHubsLocal.Hubs;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>
/// Answers <c>$management</c> READ requests for a hub (<c>com.microsoft:eventhub</c>) or one of its partitions
/// (<c>com.microsoft:partition</c>) with the property map the client reads. The request's <c>security_token</c> is
/// not checked (see <see cref="CbsRequestHandler"/>).
/// </summary>
internal sealed class ManagementRequestHandler(EventHubCatalog catalog)
{
    public AmqpMessage Handle(AmqpMessage request)
    {
        var properties = request.ApplicationProperties?.Map;
        if (properties is null ||
            !properties.TryGetValue<string>(EventHubsAmqp.Request.Operation, out var operation) ||
            operation != EventHubsAmqp.Request.ReadOperation)
        {
            return RequestResponseNode.Response(400, "Only the READ operation is supported.");
        }

        properties.TryGetValue<string>(EventHubsAmqp.Request.Type, out var type);
        properties.TryGetValue<string>(EventHubsAmqp.Request.Name, out var name);
        if (catalog.Find(name ?? "") is not { } hub)
        {
            // The wording matters: the client turns a 404 into ResourceNotFound only when it reads like this.
            return RequestResponseNode.Response(404, BrokerErrors.NotFoundText(name ?? ""));
        }

        if (type == EventHubsAmqp.Request.EventHubType)
        {
            return RequestResponseNode.Response(200, "OK", WithMap(new AmqpMap
            {
                [new MapKey("name")] = hub.Name,
                [new MapKey("type")] = EventHubsAmqp.Request.EventHubType,
                [new MapKey("created_at")] = hub.CreatedAt.UtcDateTime,
                [new MapKey("partition_count")] = hub.PartitionIds.Count,
                [new MapKey("partition_ids")] = hub.PartitionIds.ToArray(),
            }));
        }

        if (type == EventHubsAmqp.Request.PartitionType)
        {
            properties.TryGetValue<string>(EventHubsAmqp.Request.Partition, out var partitionId);
            if (hub.FindPartition(partitionId ?? "") is not { } partition)
            {
                return RequestResponseNode.Response(404, BrokerErrors.NotFoundText($"{hub.Name}/Partitions/{partitionId}"));
            }

            var state = partition.GetState();
            return RequestResponseNode.Response(200, "OK", WithMap(new AmqpMap
            {
                [new MapKey("name")] = hub.Name,
                [new MapKey("type")] = EventHubsAmqp.Request.PartitionType,
                [new MapKey("partition")] = partition.PartitionId,
                [new MapKey("begin_sequence_number")] = Storage.PartitionState.BeginSequenceNumber,
                [new MapKey("last_enqueued_sequence_number")] = state.LastSequenceNumber,
                [new MapKey("last_enqueued_offset")] = state.LastOffset.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [new MapKey("last_enqueued_time_utc")] = state.LastEnqueuedTime.UtcDateTime,
                [new MapKey("is_partition_empty")] = state.IsEmpty,
            }));
        }

        return RequestResponseNode.Response(400, $"Unknown management resource type '{type}'.");
    }

    private static AmqpMessage WithMap(AmqpMap map) => AmqpMessage.Create(new AmqpValue { Value = map });
}
