using System.Globalization;
using Bourse.EventHubsLocal.Storage;

namespace Bourse.EventHubsLocal.Hubs;

/// <summary>One hub: its partitions (ids "0" … "n-1"), its consumer groups and how events without a partition pick one.</summary>
internal sealed class EventHub : IDisposable
{
    /// <summary>The consumer group every hub has.</summary>
    public const string DefaultConsumerGroup = "$Default";

    private readonly PartitionLog[] _partitions;
    private readonly HashSet<string> _consumerGroups;
    private int _roundRobin = -1;

    private EventHub(HubMetadata metadata, PartitionLog[] partitions, IEnumerable<string> consumerGroups)
    {
        Name = metadata.Name;
        CreatedAt = metadata.CreatedAt;
        _partitions = partitions;
        _consumerGroups = new HashSet<string>(consumerGroups, StringComparer.OrdinalIgnoreCase) { DefaultConsumerGroup };
        PartitionIds = [.. partitions.Select(p => p.PartitionId)];
    }

    public string Name { get; }

    public DateTimeOffset CreatedAt { get; }

    public IReadOnlyList<string> PartitionIds { get; }

    /// <summary>
    /// Opens the hub stored under <paramref name="directory"/>, creating it on first use. A hub keeps the partition count
    /// it was created with: a different configured count is an error rather than a silent re-partitioning.
    /// </summary>
    public static EventHub Open(string directory, EventHubDefinition definition, TimeProvider timeProvider, bool flushToDisk)
    {
        var metadata = HubMetadata.TryLoad(directory);
        if (metadata is null)
        {
            var created = DateTimeOffset.FromUnixTimeMilliseconds(timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            metadata = new HubMetadata(definition.Name, created, definition.PartitionCount);
            metadata.Save(directory);
        }
        else if (metadata.PartitionCount != definition.PartitionCount)
        {
            throw new InvalidOperationException(
                $"Event hub '{definition.Name}' in '{directory}' has {metadata.PartitionCount} partitions; it cannot be " +
                $"reopened with {definition.PartitionCount}. Configure {metadata.PartitionCount} or delete its directory.");
        }

        var partitions = new List<PartitionLog>(metadata.PartitionCount);
        try
        {
            for (var i = 0; i < metadata.PartitionCount; i++)
            {
                var id = i.ToString(CultureInfo.InvariantCulture);
                partitions.Add(PartitionLog.Open(Path.Combine(directory, "partitions", id), id, timeProvider, flushToDisk));
            }
        }
        catch
        {
            partitions.ForEach(p => p.Dispose());
            throw;
        }

        return new EventHub(metadata, [.. partitions], definition.ConsumerGroups);
    }

    public bool HasConsumerGroup(string name) => _consumerGroups.Contains(name);

    public PartitionLog? FindPartition(string partitionId)
    {
        // Partition ids are the canonical decimal numbers; "01" or " 1" name no partition.
        if (int.TryParse(partitionId, NumberStyles.None, CultureInfo.InvariantCulture, out var index) &&
            index < _partitions.Length && _partitions[index].PartitionId == partitionId)
        {
            return _partitions[index];
        }

        return null;
    }

    /// <summary>The partition for an event sent to the hub itself: by key hash when it has a key, else round-robin.</summary>
    public PartitionLog SelectPartition(string? partitionKey)
    {
        if (partitionKey is not null)
        {
            return _partitions[PartitionKeyHasher.PartitionFor(partitionKey, _partitions.Length)];
        }

        var next = (uint)Interlocked.Increment(ref _roundRobin);
        return _partitions[next % (uint)_partitions.Length];
    }

    public void Dispose()
    {
        foreach (var partition in _partitions)
        {
            partition.Dispose();
        }
    }
}
