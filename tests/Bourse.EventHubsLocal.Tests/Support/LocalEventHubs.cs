using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;

namespace Bourse.EventHubsLocal.Tests.Support;

/// <summary>
/// An <see cref="EventHubsLocalServer"/> on a free loopback port over its own temporary data directory, with hubs
/// <c>orders</c> (4 partitions, consumer groups $Default and <c>audit</c>) and <c>single</c> (1 partition), and clients
/// for it that fail fast instead of retrying.
/// </summary>
internal sealed class LocalEventHubs : IAsyncDisposable
{
    public const string Orders = "orders";
    public const string Single = "single";
    public const string AuditGroup = "audit";

    private readonly TempDirectory _data = new();

    private LocalEventHubs()
    {
    }

    public EventHubsLocalServer Server { get; private set; } = null!;

    /// <summary>The server's clock: it stamps enqueued and creation times, and moves only when a test says so.</summary>
    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000));

    public string DataDirectory => _data.Path;

    public string ConnectionString => Server.ConnectionString;

    public static async Task<LocalEventHubs> StartAsync()
    {
        var hubs = new LocalEventHubs();
        await hubs.StartServerAsync().ConfigureAwait(false);
        return hubs;
    }

    /// <summary>Stops the server and starts a new one on the same data directory (and, usually, another port).</summary>
    public async Task RestartAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        await StartServerAsync().ConfigureAwait(false);
    }

    public EventHubProducerClient Producer(string hub = Orders) =>
        new(ConnectionString, hub, new EventHubProducerClientOptions { RetryOptions = FailFast() });

    public EventHubConsumerClient Consumer(string hub = Orders, string group = EventHubConsumerClient.DefaultConsumerGroupName) =>
        new(group, ConnectionString, hub, new EventHubConsumerClientOptions { RetryOptions = FailFast() });

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        _data.Dispose();
    }

    /// <summary>One retry at most and a short try timeout, so that a broker bug fails a test quickly.</summary>
    public static EventHubsRetryOptions FailFast() => new()
    {
        MaximumRetries = 1,
        Delay = TimeSpan.FromMilliseconds(50),
        MaximumDelay = TimeSpan.FromMilliseconds(200),
        TryTimeout = TimeSpan.FromSeconds(4),
    };

    private async Task StartServerAsync()
    {
        var options = new EventHubsLocalServerOptions { DataDirectory = _data.Path, TimeProvider = Clock };
        options.Hubs.Add(new EventHubDefinition(Orders, 4, AuditGroup));
        options.Hubs.Add(new EventHubDefinition(Single, 1));
        Server = new EventHubsLocalServer(options);
        await Server.StartAsync().ConfigureAwait(false);
    }
}
