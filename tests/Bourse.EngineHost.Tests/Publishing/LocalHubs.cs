using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;
using Bourse.EventHubsLocal;

namespace Bourse.EngineHost.Tests.Publishing;

/// <summary>
/// The in-process local Event Hubs endpoint with the engine's two hubs (4 partitions each), producers that leave
/// retrying to the publisher's pipeline, and a reader that takes everything back with the real consumer client.
/// </summary>
internal sealed class LocalHubs : IAsyncDisposable
{
    public const string Executions = "executions";
    public const string BookUpdates = "book-updates";

    private readonly TempDirectory _data;
    private readonly EventHubsLocalServer _server;

    private LocalHubs(TempDirectory data, EventHubsLocalServer server)
    {
        _data = data;
        _server = server;
    }

    public string ConnectionString => _server.ConnectionString;

    public static async Task<LocalHubs> StartAsync()
    {
        var data = new TempDirectory();
        var options = new EventHubsLocalServerOptions { DataDirectory = data.Path };
        options.Hubs.Add(new EventHubDefinition(Executions, 4));
        options.Hubs.Add(new EventHubDefinition(BookUpdates, 4));
        var server = new EventHubsLocalServer(options);
        await server.StartAsync().ConfigureAwait(false);
        return new LocalHubs(data, server);
    }

    /// <summary>A producer with the client's own retries off (the publisher's Polly pipeline retries) and a short try timeout.</summary>
    public EventHubProducerClient Producer(string hub) => new(
        ConnectionString,
        hub,
        new EventHubProducerClientOptions { RetryOptions = new EventHubsRetryOptions { MaximumRetries = 0, TryTimeout = TimeSpan.FromSeconds(4) } });

    /// <summary>Reads every event of <paramref name="hub"/> (all partitions), in partition order.</summary>
    public async Task<List<PublishedMessage>> ReadAllAsync(string hub, CancellationToken cancellationToken)
    {
        var messages = new List<PublishedMessage>();
        await using var consumer = new EventHubConsumerClient(EventHubConsumerClient.DefaultConsumerGroupName, ConnectionString, hub);
        foreach (var partition in await consumer.GetPartitionIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            var properties = await consumer.GetPartitionPropertiesAsync(partition, cancellationToken).ConfigureAwait(false);
            if (properties.IsEmpty)
            {
                continue;
            }

            var count = properties.LastEnqueuedSequenceNumber + 1;
            var read = 0L;
            var options = new ReadEventOptions { MaximumWaitTime = null };
            await foreach (var e in consumer.ReadEventsFromPartitionAsync(partition, EventPosition.Earliest, options, cancellationToken).ConfigureAwait(false))
            {
                messages.Add(PublishedMessage.From(hub, partition, e.Data));
                if (++read == count)
                {
                    break;
                }
            }
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        _data.Dispose();
    }
}
