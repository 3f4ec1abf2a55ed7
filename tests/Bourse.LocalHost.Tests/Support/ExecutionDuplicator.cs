using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;

namespace Bourse.LocalHost.Tests.Support;

/// <summary>
/// Sends every event of the executions hub a second time, shuffled with its neighbours: whatever the engine host
/// publishes, the relay then receives twice and out of order. It reads with the <c>tools</c> consumer group from each
/// partition's current end and marks its copies, so it never copies a copy.
/// </summary>
internal sealed class ExecutionDuplicator : IAsyncDisposable
{
    private const string CopyProperty = "test-duplicate";

    private readonly EventHubConsumerClient _consumer;
    private readonly EventHubProducerClient _producer;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private int _copied;

    private ExecutionDuplicator(string connectionString)
    {
        _consumer = new EventHubConsumerClient("tools", connectionString, "executions");
        _producer = new EventHubProducerClient(connectionString, "executions");
    }

    /// <summary>How many copies it sent.</summary>
    public int Copied => Volatile.Read(ref _copied);

    public static async Task<ExecutionDuplicator> StartAsync(string connectionString)
    {
        var duplicator = new ExecutionDuplicator(connectionString);
        foreach (var partition in await duplicator._consumer.GetPartitionIdsAsync())
        {
            var properties = await duplicator._consumer.GetPartitionPropertiesAsync(partition);
            var from = properties.IsEmpty ? EventPosition.Earliest : EventPosition.FromSequenceNumber(properties.LastEnqueuedSequenceNumber, isInclusive: false);
            duplicator._readers.Add(duplicator.CopyAsync(partition, from));
        }

        return duplicator;
    }

    private async Task CopyAsync(string partition, EventPosition from)
    {
        var shuffle = new Random(partition.GetHashCode(StringComparison.Ordinal));
        var options = new ReadEventOptions { MaximumWaitTime = TimeSpan.FromMilliseconds(50) };
        var pending = new List<EventData>();
        try
        {
            await foreach (var read in _consumer.ReadEventsFromPartitionAsync(partition, from, options, _stop.Token))
            {
                if (read.Data is { } data && !data.Properties.ContainsKey(CopyProperty))
                {
                    var copy = new EventData(data.EventBody) { ContentType = data.ContentType, MessageId = data.MessageId };
                    foreach (var (key, value) in data.Properties)
                    {
                        copy.Properties[key] = value;
                    }

                    copy.Properties[CopyProperty] = true;
                    pending.Add(copy);
                }

                // An empty read means the partition is quiet: send what was gathered, in a random order.
                if (read.Data is null || pending.Count >= 8)
                {
                    await SendShuffledAsync(pending, shuffle);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task SendShuffledAsync(List<EventData> pending, Random shuffle)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var batch = pending.ToArray();
        shuffle.Shuffle(batch);
        pending.Clear();
        foreach (var copy in batch)
        {
            // One at a time, so that the shuffled order is the order in the hub.
            await _producer.SendAsync([copy], _stop.Token);
        }

        Interlocked.Add(ref _copied, batch.Length);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        await _consumer.DisposeAsync();
        await _producer.DisposeAsync();
        _stop.Dispose();
    }
}
