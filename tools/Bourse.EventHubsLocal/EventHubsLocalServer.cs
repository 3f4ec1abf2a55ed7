using System.Collections.Concurrent;
using Bourse.EventHubsLocal.Amqp;
using Bourse.EventHubsLocal.Hubs;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;

namespace Bourse.EventHubsLocal;

/// <summary>
/// A local Event Hubs-compatible endpoint: AMQP 1.0 on 127.0.0.1, enough of the service for the
/// Azure.Messaging.EventHubs producer, consumer and event processor, with events kept in a data directory.
/// </summary>
/// <remarks>
/// <para>
/// Connect with <see cref="ConnectionString"/> (plain TCP through <c>UseDevelopmentEmulator=true</c>, any key).
/// Served: SASL <c>MSSBCBS</c> and <c>$cbs</c> token puts (all accepted), <c>$management</c> hub and partition
/// properties, sends to a hub (partition by key hash, else round-robin) or a partition, single events and batches,
/// and receives per consumer group and partition from any event position, with link credit and owner levels.
/// </para>
/// <para>
/// Not served: authorization, TLS and web sockets, retention (events are kept forever), idempotent publishing,
/// geo-replication, and the AMQP drain mode. Start, stop and dispose are not meant to race each other.
/// </para>
/// </remarks>
public sealed class EventHubsLocalServer : IAsyncDisposable
{
    private readonly EventHubsLocalServerOptions _options;
    private readonly ConcurrentDictionary<AmqpConnection, bool> _connections = new();
    private EventHubCatalog? _catalog;
    private BrokerRuntime? _runtime;
    private AmqpTransportListener? _listener;
    private int _port;

    /// <summary>Creates a server; nothing is opened or bound until <see cref="StartAsync"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="EventHubsLocalServerOptions.Validate"/>).</exception>
    public EventHubsLocalServer(EventHubsLocalServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The port the server listens on (the OS's pick when the options said 0).</summary>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public int Port => _port != 0 ? _port : throw new InvalidOperationException("The server is not running.");

    /// <summary>A namespace connection string for the running server; add <c>EntityPath</c> or pass the hub name to the client.</summary>
    /// <exception cref="InvalidOperationException">The server is not running.</exception>
    public string ConnectionString =>
        $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName=local;SharedAccessKey=local;UseDevelopmentEmulator=true";

    /// <summary>Opens the hubs in the data directory (recovering their logs) and starts listening.</summary>
    /// <exception cref="InvalidOperationException">It is already running, or a hub's stored partition count differs from its definition.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_listener is not null)
        {
            throw new InvalidOperationException("The server is already running.");
        }

        Directory.CreateDirectory(_options.DataDirectory);
        var catalog = EventHubCatalog.Open(_options.DataDirectory, _options.Hubs, _options.TimeProvider, _options.FlushToDisk);
        try
        {
            _runtime = new BrokerRuntime(catalog, _options.MaxMessageSize, _options.TimeProvider);
            _catalog = catalog;
            Listen(_runtime);
        }
        catch
        {
            _listener = null;
            _runtime = null;
            _catalog = null;
            _port = 0;
            catalog.Dispose();
            throw;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops listening, closes every connection, waits for the consumer pumps to end and closes the hubs. Events
    /// already accepted are on disk. Does nothing when the server is not running.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_listener is not { } listener)
        {
            return;
        }

        _listener = null;
        listener.SafeClose();
        foreach (var connection in _connections.Keys)
        {
            connection.SafeClose();
        }

        _connections.Clear();
        try
        {
            await _runtime!.WhenPumpsStoppedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _catalog!.Dispose();
            _catalog = null;
            _runtime = null;
            _port = 0;
        }
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void Listen(BrokerRuntime runtime)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            var port = _options.Port != 0 ? _options.Port : LoopbackPort.PickFree();
            // An IP address as host: the library's listener then binds that address only (for "localhost" it binds all).
            var tcp = new TcpTransportSettings { Host = "127.0.0.1", Port = port }.CreateListener();
            var listener = new AmqpTransportListener([tcp], CreateAmqpSettings(runtime));
            _listener = listener;
            _port = port;
            try
            {
                listener.Listen(OnAcceptTransport);
                return;
            }
            catch (System.Net.Sockets.SocketException e) when (_options.Port == 0 && attempt < attempts &&
                e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
            {
                // Someone took the free port between the probe and the bind: try another.
                listener.SafeClose();
            }
        }
    }

    private static AmqpSettings CreateAmqpSettings(BrokerRuntime runtime)
    {
        var version = new AmqpVersion(1, 0, 0);
        // The client authenticates with MSSBCBS: anonymous at the transport, then a token per link through $cbs.
        // ANONYMOUS is offered too, for other AMQP clients (they would still have to put a token to nothing).
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(version);
        sasl.AddHandler(new SaslAnonymousHandler(EventHubsAmqp.CbsSaslMechanism));
        sasl.AddHandler(new SaslAnonymousHandler());
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(version);
        var settings = new AmqpSettings { RuntimeProvider = runtime };
        settings.TransportProviders.Add(sasl);
        settings.TransportProviders.Add(amqp);
        return settings;
    }

    private void OnAcceptTransport(TransportListener listener, TransportAsyncCallbackArgs args)
    {
        if (_listener is not { } amqpListener || _runtime is not { } runtime)
        {
            args.Transport?.SafeClose();
            return;
        }

        AmqpConnection? connection = null;
        try
        {
            var connectionSettings = new AmqpConnectionSettings
            {
                ContainerId = "eventhubs-local",
                // The client asks for 60 s and pings at half of ours; closing idle clients sooner helps nobody locally.
                IdleTimeOut = 120_000,
            };
            connection = runtime.CreateConnection(args.Transport, (ProtocolHeader)args.UserToken, false, amqpListener.AmqpSettings, connectionSettings);
            _connections.TryAdd(connection, true);
            connection.SafeAddClosed((sender, args) => _connections.TryRemove((AmqpConnection)sender!, out _));
            _ = OpenAsync(connection);
        }
        catch (Exception e) when (e is AmqpException or InvalidOperationException or ObjectDisposedException)
        {
            if (connection is null)
            {
                args.Transport?.SafeClose(e);
            }
            else
            {
                connection.SafeClose(e);
            }
        }
    }

    private static async Task OpenAsync(AmqpConnection connection)
    {
        try
        {
            await connection.OpenAsync(AmqpConstants.DefaultTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmqpException or TimeoutException or OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            connection.SafeClose(e);
        }
    }
}
