using System.Collections.Concurrent;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Bourse.EventHubsLocal.Tests.Support;

namespace Bourse.EventHubsLocal.Tests;

/// <summary>The SDK's event processor (load balancing, owner levels, checkpoints) against the local endpoint.</summary>
public sealed class ProcessorTests
{
    [Fact]
    public async Task A_processor_reads_every_partition_and_a_new_one_resumes_after_the_checkpoints()
    {
        await using var hubs = await LocalEventHubs.StartAsync();
        await using var producer = hubs.Producer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var store = new InMemoryCheckpointStore();
        for (var i = 0; i < 8; i++)
        {
            await producer.SendAsync([EventReading.Event($"first {i}", i)], timeout.Token);
        }

        var first = new CollectingProcessor(store, hubs);
        await first.StartProcessingAsync(timeout.Token);
        await first.WaitForAsync(8, timeout.Token);
        await first.StopProcessingAsync(timeout.Token);

        for (var i = 0; i < 4; i++)
        {
            await producer.SendAsync([EventReading.Event($"second {i}", i)], timeout.Token);
        }

        var second = new CollectingProcessor(store, hubs);
        await second.StartProcessingAsync(timeout.Token);
        await second.WaitForAsync(4, timeout.Token);
        await second.StopProcessingAsync(timeout.Token);

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"first {i}").Order(), first.Bodies.Order());
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"second {i}").Order(), second.Bodies.Order());
        Assert.Empty(first.Errors);
        Assert.Empty(second.Errors);
    }

    private sealed class CollectingProcessor(InMemoryCheckpointStore store, LocalEventHubs hubs)
        : PluggableCheckpointStoreEventProcessor<EventProcessorPartition>(
            store, 10, "$Default", hubs.ConnectionString, LocalEventHubs.Orders, new EventProcessorOptions
            {
                LoadBalancingStrategy = LoadBalancingStrategy.Greedy,
                LoadBalancingUpdateInterval = TimeSpan.FromMilliseconds(200),
                MaximumWaitTime = TimeSpan.FromMilliseconds(200),
                RetryOptions = LocalEventHubs.FailFast(),
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
                await Task.Delay(20, cancellationToken);
            }
        }

        protected override async Task OnProcessingEventBatchAsync(IEnumerable<EventData> events, EventProcessorPartition partition, CancellationToken cancellationToken)
        {
            EventData? last = null;
            foreach (var data in events)
            {
                _bodies.Enqueue(data.EventBody.ToString());
                last = data;
            }

            if (last is not null)
            {
                await UpdateCheckpointAsync(partition.PartitionId, CheckpointPosition.FromEvent(last), cancellationToken);
            }
        }

        protected override Task OnProcessingErrorAsync(Exception exception, EventProcessorPartition partition, string operationDescription, CancellationToken cancellationToken)
        {
            _errors.Enqueue(exception);
            return Task.CompletedTask;
        }
    }
}
