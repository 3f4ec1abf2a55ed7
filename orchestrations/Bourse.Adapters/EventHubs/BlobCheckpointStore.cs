using System.Globalization;
using Azure;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Bourse.Adapters.EventHubs;

/// <summary>
/// Partition ownership and checkpoints for <see cref="PluggableCheckpointStoreEventProcessor{TPartition}"/> in Blob
/// storage: the role of the Event Hubs processor package's store, which is not available here.
/// </summary>
/// <remarks>
/// <para>
/// One empty blob per partition and role, its state in metadata: <c>{namespace}/{hub}/{group}/ownership/{partition}</c>
/// (<c>ownerid</c>) and <c>{namespace}/{hub}/{group}/checkpoint/{partition}</c> (<c>offset</c>, <c>sequencenumber</c>,
/// <c>clientidentifier</c>), names lower-cased. An ownership's version is its blob's ETag: a claim is a conditional
/// write (If-None-Match * for a first claim, If-Match the version otherwise), so of two processors claiming a partition
/// with the same version exactly one wins; the loser's 409/412 means "not granted" and the claim is left out of the answer.
/// </para>
/// <para>
/// A checkpoint resumes after the event it was taken at: by offset when the position has one, else by sequence number.
/// </para>
/// </remarks>
public sealed class BlobCheckpointStore(BlobContainerClient container) : CheckpointStore
{
    private const string OwnerId = "ownerid";
    private const string Offset = "offset";
    private const string SequenceNumber = "sequencenumber";
    private const string ClientIdentifier = "clientidentifier";

    public override async Task<IEnumerable<EventProcessorPartitionOwnership>> ListOwnershipAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, CancellationToken cancellationToken)
    {
        var prefix = Prefix(fullyQualifiedNamespace, eventHubName, consumerGroup, "ownership");
        var owned = new List<EventProcessorPartitionOwnership>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            owned.Add(new EventProcessorPartitionOwnership
            {
                FullyQualifiedNamespace = fullyQualifiedNamespace,
                EventHubName = eventHubName,
                ConsumerGroup = consumerGroup,
                PartitionId = blob.Name[prefix.Length..],
                OwnerIdentifier = blob.Metadata.TryGetValue(OwnerId, out var owner) ? owner : string.Empty,
                LastModifiedTime = blob.Properties.LastModified ?? DateTimeOffset.MinValue,
                Version = Version(blob.Properties.ETag),
            });
        }

        return owned;
    }

    public override async Task<IEnumerable<EventProcessorPartitionOwnership>> ClaimOwnershipAsync(
        IEnumerable<EventProcessorPartitionOwnership> desiredOwnership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desiredOwnership);
        var claimed = new List<EventProcessorPartitionOwnership>();
        foreach (var desired in desiredOwnership)
        {
            var blob = container.GetBlobClient(Prefix(desired.FullyQualifiedNamespace, desired.EventHubName, desired.ConsumerGroup, "ownership") + desired.PartitionId);
            var metadata = new Dictionary<string, string> { [OwnerId] = desired.OwnerIdentifier ?? string.Empty };
            try
            {
                Response<BlobInfo> info = desired.Version is null
                    ? await CreateAsync(blob, metadata, cancellationToken).ConfigureAwait(false)
                    : await blob.SetMetadataAsync(metadata, new BlobRequestConditions { IfMatch = new ETag($"\"{desired.Version}\"") }, cancellationToken).ConfigureAwait(false);
                claimed.Add(new EventProcessorPartitionOwnership
                {
                    FullyQualifiedNamespace = desired.FullyQualifiedNamespace,
                    EventHubName = desired.EventHubName,
                    ConsumerGroup = desired.ConsumerGroup,
                    PartitionId = desired.PartitionId,
                    OwnerIdentifier = desired.OwnerIdentifier,
                    LastModifiedTime = info.Value.LastModified,
                    Version = Version(info.Value.ETag),
                });
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 || (e.Status == 404 && desired.Version is not null))
            {
                // Someone else claimed it first (or it changed under us): not granted.
            }
        }

        return claimed;
    }

    public override async Task<EventProcessorCheckpoint> GetCheckpointAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(Prefix(fullyQualifiedNamespace, eventHubName, consumerGroup, "checkpoint") + partitionId);
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No checkpoint: the processor starts from its default position. The base class's contract is a null here.
            return null!;
        }

        EventPosition position;
        if (properties.Metadata.TryGetValue(Offset, out var offset) && !string.IsNullOrEmpty(offset))
        {
            position = EventPosition.FromOffset(offset, isInclusive: false);
        }
        else if (properties.Metadata.TryGetValue(SequenceNumber, out var sequence) &&
                 long.TryParse(sequence, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sequenceNumber))
        {
            position = EventPosition.FromSequenceNumber(sequenceNumber, isInclusive: false);
        }
        else
        {
            return null!;
        }

        return new EventProcessorCheckpoint
        {
            FullyQualifiedNamespace = fullyQualifiedNamespace,
            EventHubName = eventHubName,
            ConsumerGroup = consumerGroup,
            PartitionId = partitionId,
            ClientIdentifier = properties.Metadata.TryGetValue(ClientIdentifier, out var client) ? client : null,
            StartingPosition = position,
        };
    }

    public override async Task UpdateCheckpointAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, string clientIdentifier,
        CheckpointPosition startingPosition, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(Prefix(fullyQualifiedNamespace, eventHubName, consumerGroup, "checkpoint") + partitionId);
        var metadata = new Dictionary<string, string>
        {
            [Offset] = startingPosition.OffsetString ?? string.Empty,
            [SequenceNumber] = startingPosition.SequenceNumber.ToString(CultureInfo.InvariantCulture),
            [ClientIdentifier] = clientIdentifier ?? string.Empty,
        };
        try
        {
            await blob.SetMetadataAsync(metadata, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Metadata = metadata }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Response<BlobInfo>> CreateAsync(BlobClient blob, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var uploaded = await blob.UploadAsync(
            BinaryData.Empty,
            new BlobUploadOptions { Metadata = metadata, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
            cancellationToken).ConfigureAwait(false);
        return Response.FromValue(BlobsModelFactory.BlobInfo(uploaded.Value.ETag, uploaded.Value.LastModified), uploaded.GetRawResponse());
    }

    /// <summary>The ETag without quotes: the service quotes it in write responses and not in listings.</summary>
    private static string? Version(ETag? etag) => etag?.ToString().Trim('"');

    private static string Prefix(string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string role) =>
        string.Create(CultureInfo.InvariantCulture, $"{fullyQualifiedNamespace}/{eventHubName}/{consumerGroup}/{role}/").ToLowerInvariant();
}
