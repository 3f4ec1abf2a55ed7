using System.Collections.Concurrent;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;

namespace Bourse.EventHubsLocal.Tests.Support;

/// <summary>Ownership with version checks (what load balancing needs) and checkpoints, kept in memory.</summary>
internal sealed class InMemoryCheckpointStore : CheckpointStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, EventProcessorPartitionOwnership> _ownership = [];
    private readonly ConcurrentDictionary<string, EventProcessorCheckpoint> _checkpoints = new();

    public override Task<IEnumerable<EventProcessorPartitionOwnership>> ListOwnershipAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IEnumerable<EventProcessorPartitionOwnership>>([.. _ownership.Values]);
        }
    }

    public override Task<IEnumerable<EventProcessorPartitionOwnership>> ClaimOwnershipAsync(
        IEnumerable<EventProcessorPartitionOwnership> desiredOwnership, CancellationToken cancellationToken)
    {
        var claimed = new List<EventProcessorPartitionOwnership>();
        lock (_lock)
        {
            foreach (var desired in desiredOwnership)
            {
                var current = _ownership.GetValueOrDefault(desired.PartitionId);
                if (current?.Version != desired.Version)
                {
                    continue;
                }

                var granted = new EventProcessorPartitionOwnership
                {
                    FullyQualifiedNamespace = desired.FullyQualifiedNamespace,
                    EventHubName = desired.EventHubName,
                    ConsumerGroup = desired.ConsumerGroup,
                    PartitionId = desired.PartitionId,
                    OwnerIdentifier = desired.OwnerIdentifier,
                    LastModifiedTime = TimeProvider.System.GetUtcNow(),
                    Version = Guid.NewGuid().ToString("N"),
                };
                _ownership[desired.PartitionId] = granted;
                claimed.Add(granted);
            }
        }

        return Task.FromResult<IEnumerable<EventProcessorPartitionOwnership>>(claimed);
    }

    public override Task<EventProcessorCheckpoint> GetCheckpointAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, CancellationToken cancellationToken) =>
        Task.FromResult(_checkpoints.GetValueOrDefault(partitionId)!);

    public override Task UpdateCheckpointAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, string clientIdentifier,
        CheckpointPosition startingPosition, CancellationToken cancellationToken)
    {
        _checkpoints[partitionId] = new EventProcessorCheckpoint
        {
            FullyQualifiedNamespace = fullyQualifiedNamespace,
            EventHubName = eventHubName,
            ConsumerGroup = consumerGroup,
            PartitionId = partitionId,
            ClientIdentifier = clientIdentifier,
            // Resume by offset, as a Blob checkpoint store does with what CheckpointPosition.FromEvent recorded.
            StartingPosition = Azure.Messaging.EventHubs.Consumer.EventPosition.FromOffset(startingPosition.OffsetString, isInclusive: false),
        };
        return Task.CompletedTask;
    }
}
