namespace Bourse.EventHubsLocal.Amqp;

/// <summary>What a link's address names, parsed from the forms the Event Hubs client uses.</summary>
/// <remarks>
/// <code>
/// $cbs                                        the claims-based security node (token puts)
/// $management                                 the management node (hub and partition properties)
/// /hub                                        send; the broker picks the partition
/// /hub/Partitions/3                           send to partition 3
/// /hub/ConsumerGroups/$Default/Partitions/3   receive from partition 3 for a consumer group
/// </code>
/// The client sends the path of an absolute URI (leading '/', segments URI-escaped); a full URI is accepted too.
/// Keywords are case-insensitive.
/// </remarks>
internal readonly record struct EntityAddress(EntityKind Kind, string Hub, string? ConsumerGroup, string? PartitionId)
{
    public const string CbsNode = "$cbs";
    public const string ManagementNode = "$management";

    public static EntityAddress? TryParse(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        if (address.Equals(CbsNode, StringComparison.OrdinalIgnoreCase))
        {
            return new EntityAddress(EntityKind.Cbs, "", null, null);
        }

        if (address.Equals(ManagementNode, StringComparison.OrdinalIgnoreCase))
        {
            return new EntityAddress(EntityKind.Management, "", null, null);
        }

        var path = address.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(address, UriKind.Absolute, out var uri)
            ? uri.AbsolutePath
            : address;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        return segments switch
        {
            [var hub] => new EntityAddress(EntityKind.Hub, hub, null, null),
            [var hub, var keyword, var partition] when Is(keyword, "Partitions") =>
                new EntityAddress(EntityKind.PartitionSender, hub, null, partition),
            [var hub, var groups, var group, var partitions, var partition] when Is(groups, "ConsumerGroups") && Is(partitions, "Partitions") =>
                new EntityAddress(EntityKind.PartitionReceiver, hub, group, partition),
            _ => null,
        };
    }

    private static bool Is(string segment, string keyword) => segment.Equals(keyword, StringComparison.OrdinalIgnoreCase);
}

internal enum EntityKind
{
    Cbs,
    Management,
    Hub,
    PartitionSender,
    PartitionReceiver,
}
