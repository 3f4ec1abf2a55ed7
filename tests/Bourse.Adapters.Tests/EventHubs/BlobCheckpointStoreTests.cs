using System.Collections.Concurrent;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Azure.Messaging.EventHubs.Producer;
using Azure.Storage.Blobs;
using Bourse.Adapters.EventHubs;
using Bourse.EventHubsLocal;
using Bourse.LocalEmulators;

namespace Bourse.Adapters.Tests.EventHubs;

/// <summary>
/// The SDK's pluggable event processor with its ownership and checkpoints in a real Azurite, reading from the local
/// Event Hubs endpoint: what the execution relay stands on.
/// </summary>
public sealed class BlobCheckpointStoreTests : IAsyncLifetime, IDisposable
{
    private const string Hub = "executions";
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bourse-checkpoints-");
    private AzuriteServer _azurite = null!;
    private EventHubsLocalServer _hubs = null!;
    private BlobContainerClient _container = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        var options = new EventHubsLocalServerOptions { DataDirectory = _data.FullName };
        options.Hubs.Add(new EventHubDefinition(Hub, 2));
        _hubs = new EventHubsLocalServer(options);
        await _hubs.StartAsync();
        _container = new BlobContainerClient(_azurite.ConnectionString, "checkpoints");
        await _container.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        await _hubs.DisposeAsync();
        await _azurite.DisposeAsync();
        _data.Delete(recursive: true);
    }

    /// <summary>Everything is released in <see cref="DisposeAsync"/>; this only satisfies the ownership analyzer.</summary>
    public void Dispose()
    {
    }

    [Fact]
    public async Task A_new_processor_resumes_after_the_last_checkpoint_of_the_previous_one()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await SendAsync("first", 6, timeout.Token);
        var first = new CollectingProcessor(new BlobCheckpointStore(_container), _hubs.ConnectionString);
        await first.StartProcessingAsync(timeout.Token);
        await first.WaitForAsync(6, timeout.Token);
        await first.StopProcessingAsync(timeout.Token);

        await SendAsync("second", 4, timeout.Token);
        var second = new CollectingProcessor(new BlobCheckpointStore(_container), _hubs.ConnectionString);
        await second.StartProcessingAsync(timeout.Token);
        await second.WaitForAsync(4, timeout.Token);
        await second.StopProcessingAsync(timeout.Token);

        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"first {i}").Order(), first.Bodies.Order());
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"second {i}").Order(), second.Bodies.Order());
        Assert.Empty(first.Errors.Concat(second.Errors));
    }

    [Fact]
    public async Task Of_two_claims_on_the_same_version_exactly_one_is_granted()
    {
        var store = new BlobCheckpointStore(_container);
        EventProcessorPartitionOwnership Claim(string owner, string? version) => new()
        {
            FullyQualifiedNamespace = "local",
            EventHubName = Hub,
            ConsumerGroup = "$Default",
            PartitionId = "0",
            OwnerIdentifier = owner,
            Version = version,
        };

        var firstClaims = await Task.WhenAll(store.ClaimOwnershipAsync([Claim("a", null)], default), store.ClaimOwnershipAsync([Claim("b", null)], default));
        var winner = Assert.Single(firstClaims.SelectMany(c => c));
        var listed = Assert.Single(await store.ListOwnershipAsync("local", Hub, "$Default", default));
        Assert.Equal((winner.OwnerIdentifier, winner.Version), (listed.OwnerIdentifier, listed.Version));

        var loser = winner.OwnerIdentifier == "a" ? "b" : "a";
        var takeOver = Assert.Single(await store.ClaimOwnershipAsync([Claim(loser, listed.Version)], default));
        Assert.Empty(await store.ClaimOwnershipAsync([Claim(winner.OwnerIdentifier!, winner.Version)], default));
        Assert.Equal(loser, Assert.Single(await store.ListOwnershipAsync("local", Hub, "$Default", default)).OwnerIdentifier);
        Assert.NotEqual(winner.Version, takeOver.Version);
    }

    [Fact]
    public async Task A_partition_without_a_checkpoint_has_none()
    {
        var store = new BlobCheckpointStore(_container);

        Assert.Null(await store.GetCheckpointAsync("local", Hub, "nobody", "1", default));
    }

    private async Task SendAsync(string label, int count, CancellationToken cancellationToken)
    {
        await using var producer = new EventHubProducerClient(_hubs.ConnectionString, Hub);
        for (var i = 0; i < count; i++)
        {
            await producer.SendAsync([new EventData(BinaryData.FromString($"{label} {i}"))], new SendEventOptions { PartitionKey = $"k{i}" }, cancellationToken);
        }
    }

    private sealed class CollectingProcessor(BlobCheckpointStore store, string connectionString)
        : PluggableCheckpointStoreEventProcessor<EventProcessorPartition>(
            store, 10, "$Default", connectionString, Hub, new EventProcessorOptions
            {
                LoadBalancingStrategy = LoadBalancingStrategy.Greedy,
                LoadBalancingUpdateInterval = TimeSpan.FromMilliseconds(200),
                // A stopping processor gives its partitions up with one more claim; if that claim is refused (its
                // version already stale), the next processor waits for the ownership to expire: 2 minutes by default,
                // longer than this test's budget. The likely cause of one failure in a full run on a busy machine
                // (the second processor got too few events in 60 s); not reproduced in 5 runs under CPU load.
                PartitionOwnershipExpirationInterval = TimeSpan.FromSeconds(5),
                MaximumWaitTime = TimeSpan.FromMilliseconds(200),
            })
    {
        private readonly ConcurrentQueue<string> _bodies = new();
        private readonly ConcurrentQueue<Exception> _errors = new();

        public IEnumerable<string> Bodies => _bodies;

        public IEnumerable<Exception> Errors => _errors;

        public async Task WaitForAsync(int count, CancellationToken cancellationToken)
        {
            while (_bodies.Count < count)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    Assert.Fail($"{_bodies.Count} of {count} events arrived: {string.Join(", ", _bodies)}; errors: {string.Join("; ", _errors.Select(e => e.Message))}");
                }

                await Task.Delay(50, CancellationToken.None);
            }
        }

        protected override async Task OnProcessingEventBatchAsync(IEnumerable<EventData> events, EventProcessorPartition partition, CancellationToken cancellationToken)
        {
            var batch = events.ToList();
            if (batch.Count > 0)
            {
                // Counted once checkpointed, so that a test that stops the processor after N events has N checkpointed.
                await UpdateCheckpointAsync(partition.PartitionId, CheckpointPosition.FromEvent(batch[^1]), cancellationToken);
                foreach (var e in batch)
                {
                    _bodies.Enqueue(e.EventBody.ToString());
                }
            }
        }

        protected override Task OnProcessingErrorAsync(Exception exception, EventProcessorPartition partition, string operationDescription, CancellationToken cancellationToken)
        {
            _errors.Enqueue(exception);
            return Task.CompletedTask;
        }
    }
}
