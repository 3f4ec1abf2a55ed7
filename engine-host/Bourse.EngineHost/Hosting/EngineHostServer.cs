using System.Net;
using Azure.Messaging.EventHubs.Producer;
using Bourse.EngineHost.OrderEntry;
using Bourse.EngineHost.Publishing;
using Bourse.EngineHost.Sharding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;

namespace Bourse.EngineHost.Hosting;

/// <summary>
/// The engine host as a server: shards recovered from their journals, order entry over gRPC (HTTP/2) and the health
/// and readiness endpoints (HTTP/1.1), all wired in one place.
/// </summary>
/// <remarks>
/// The stages, in the order an order flows (threads named as in <see cref="ShardPipeline"/>):
/// 1. Kestrel threads: gRPC requests → <see cref="OrderGateway"/> (validation, client order ids) → shard command ring;
/// 2. one matching thread per shard: journal (written, not yet synced) → book; one commit thread per shard: fsync →
///    <see cref="OutcomeRouter"/>;
/// 2b. with Event Hubs configured, the same batch into the shard's publish ring, and one publisher thread per shard
///    (<c>P:publish</c>) → Event Hubs (executions and book updates, partition key = instrument);
/// 3. Kestrel threads: each session's reports → its call or stream.
/// Start-up: open every shard (recovery), queue the republishing of what the journals hold past each publish
/// checkpoint, load the client order registry from the journals, start the publishers and the matching threads, then
/// listen. Stop: stop listening, stop every shard (drain, fsync, snapshot), then let the publishers send what remains.
/// </remarks>
internal sealed partial class EngineHostServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<ShardPipeline> _shards;

    private readonly IReadOnlyList<PublishPipeline> _publishers;
    private readonly IReadOnlyList<EventHubProducerClient> _producers;

    private EngineHostServer(WebApplication app, IReadOnlyList<ShardPipeline> shards, OrderSessions sessions, IReadOnlyList<PublishPipeline> publishers, IReadOnlyList<EventHubProducerClient> producers)
    {
        _app = app;
        _shards = shards;
        Sessions = sessions;
        _publishers = publishers;
        _producers = producers;
    }

    /// <summary>The order-entry (gRPC, HTTP/2 without TLS on loopback) address.</summary>
    public required Uri OrderEntryAddress { get; init; }

    /// <summary>The health endpoints' address (<c>/health</c>, <c>/ready</c>).</summary>
    public required Uri ManagementAddress { get; init; }

    public OrderSessions Sessions { get; }

    public bool IsReady { get; private set; }

    /// <summary>Recovers the shards and builds the server; <see cref="StartAsync"/> starts it.</summary>
    /// <param name="shards">The shards' options (each instrument in exactly one).</param>
    /// <param name="orderEntryPort">The gRPC port (0: any free port).</param>
    /// <param name="managementPort">The health port on 127.0.0.1 (0: any free port).</param>
    /// <param name="configureLogging">Logging set-up; the default logs warnings and errors to the console.</param>
    /// <param name="tls">Mutual TLS for order entry; null serves plain HTTP/2 (loopback development only).</param>
    /// <param name="publishing">Event Hubs for executions and book updates; null publishes nothing.</param>
    /// <param name="telemetry">Adds OpenTelemetry exporters to the host's metrics and traces
    /// (<see cref="EngineHostTelemetry.FromOptions"/>); null sets up no OpenTelemetry.</param>
    /// <param name="orderEntryAddress">The address order entry listens on; the default is 127.0.0.1. Another address
    /// (a VM's interface, or <see cref="IPAddress.Any"/>) should come with mutual TLS, as the configuration requires.</param>
    public static EngineHostServer Create(
        IReadOnlyList<ShardOptions> shards, int orderEntryPort = 0, int managementPort = 0, Action<ILoggingBuilder>? configureLogging = null,
        OrderEntryTls? tls = null, EventHubsPublishing? publishing = null, Action<IOpenTelemetryBuilder>? telemetry = null, string serviceName = "bourse-engine",
        IPAddress? orderEntryAddress = null)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var registry = new ClientOrderRegistry();
        var sessions = new OrderSessions();
        var router = new OutcomeRouter(sessions, registry, TimeProvider.System);
        var opened = new List<ShardPipeline>();
        var publishers = new List<PublishPipeline>();
        var producers = new List<EventHubProducerClient>();
        var byInstrument = new Dictionary<int, ShardPipeline>();
        if (publishing is not null)
        {
            producers.Add(new EventHubProducerClient(publishing.ConnectionString, publishing.ExecutionsHubName));
            producers.Add(new EventHubProducerClient(publishing.ConnectionString, publishing.BookUpdatesHubName));
        }

        try
        {
            foreach (var options in shards)
            {
                // 2b. one publisher per shard: its ring is written by the shard's commit thread only.
                IShardEventSink sink = router;
                if (publishing is not null)
                {
                    var instruments = options.Instruments.Select(spec => new PublisherInstrument(
                        spec, InstrumentDirectory(options, spec, "journal"), InstrumentDirectory(options, spec, "snapshots"))).ToArray();
                    var publisher = new PublishPipeline(
                        new EventHubsPublisher(producers[0], producers[1], instruments, new ProtobufEventBodyEncoder()),
                        options.Instruments.Select(spec => spec.InstrumentId));
                    publishers.Add(publisher);
                    sink = new CompositeShardEventSink(router, publisher.Writer);
                }

                var shard = ShardPipeline.Open(options, sink);
                opened.Add(shard);
                if (publishing is not null)
                {
                    // At least once: what the journal holds beyond the publish checkpoint goes out again before new events.
                    publishers[^1].RepublishAfterCheckpoints(options.Instruments.ToDictionary(spec => spec.InstrumentId, spec => shard.LastCommandSequence(spec.InstrumentId)));
                }

                foreach (var spec in options.Instruments)
                {
                    byInstrument.Add(spec.InstrumentId, shard);
                    registry.LoadJournal(spec, InstrumentDirectory(options, spec, "journal"));
                }
            }
        }
        catch
        {
            foreach (var shard in opened)
            {
                shard.Dispose();
            }

            foreach (var publisher in publishers)
            {
                publisher.Dispose();
            }

            foreach (var producer in producers)
            {
                producer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }

        // Ports are fixed before Kestrel starts so that each address is known by its role (Kestrel lists bound
        // addresses without saying which endpoint they belong to).
        orderEntryPort = orderEntryPort == 0 ? FreeLoopbackPort() : orderEntryPort;
        managementPort = managementPort == 0 ? FreeLoopbackPort() : managementPort;
        // No reload of appsettings on change: the host's settings are read once (EngineHostConfigInput), and the reload
        // watches the content root (the working directory) and everything under it with inotify, which is where the
        // journal usually lives ("journal", or /var/lib/bourse-engine/journal under the systemd unit's working
        // directory): every journal write woke the watcher thread (3% of the host's CPU under load, measured with perf).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        if (configureLogging is null)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }
        else
        {
            configureLogging(builder.Logging);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(orderEntryAddress ?? IPAddress.Loopback, orderEntryPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (tls is not null)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = tls.ServerCertificate;
                        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                        https.ClientCertificateValidation = (certificate, _, _) => tls.IsTrustedClient(certificate);
                    });
                }
            });
            kestrel.Listen(IPAddress.Loopback, managementPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddGrpc();
        if (telemetry is not null)
        {
            EngineHostTelemetry.Configure(builder.Services.AddOpenTelemetry(), serviceName, telemetry);
        }

        builder.Services.AddSingleton(new OrderGateway(byInstrument, registry));
        builder.Services.AddSingleton(sessions);
        var app = builder.Build();
        var recoveryLog = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Bourse.EngineHost.Recovery");
        foreach (var shard in opened)
        {
            foreach (var (instrument, recovery) in shard.Recoveries)
            {
                if (recovery.TornTailDropped)
                {
                    LogTornTailDropped(recoveryLog, instrument, recovery.TornTailFilePath, recovery.TornTailOffset, recovery.LastCommandSequence);
                }
            }
        }

        var server = new EngineHostServer(app, opened, sessions, publishers, producers)
        {
            OrderEntryAddress = new Uri($"{(tls is null ? "http" : "https")}://{ClientAddress(orderEntryAddress)}:{orderEntryPort}"),
            ManagementAddress = new Uri($"http://127.0.0.1:{managementPort}"),
        };
        app.MapGrpcService<OrderEntryService>();
        app.MapGet("/health", () => Results.Ok(new { status = "alive" }));
        app.MapGet("/ready", () => server.IsReady ? Results.Ok(new { status = "ready" }) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        return server;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var publisher in _publishers)
        {
            publisher.Start();
        }

        foreach (var shard in _shards)
        {
            shard.Start();
        }

        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        IsReady = true;
    }

    /// <summary>Graceful stop: not ready, stop taking calls, then drain, fsync and snapshot every shard.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        IsReady = false;
        foreach (var shard in _shards)
        {
            // Refuse new commands first (answered "throttled"), so in-flight calls finish while Kestrel drains.
            shard.StopAccepting();
        }

        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var shard in _shards)
        {
            shard.Stop();
        }

        // After the shards: everything they committed is in the publishers' rings; send it and save the checkpoints.
        foreach (var publisher in _publishers)
        {
            await publisher.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How a client on this machine reaches a listening address: a wildcard through loopback.</summary>
    private static string ClientAddress(IPAddress? listening) => listening switch
    {
        null => "127.0.0.1",
        _ when listening.Equals(IPAddress.Any) => "127.0.0.1",
        _ when listening.Equals(IPAddress.IPv6Any) => "[::1]",
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } => $"[{listening}]",
        _ => listening.ToString(),
    };

    private static int FreeLoopbackPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string InstrumentDirectory(ShardOptions options, Engine.Matching.InstrumentSpec spec, string part) =>
        Path.Combine(options.JournalDirectory, spec.InstrumentId.ToString(System.Globalization.CultureInfo.InvariantCulture), part);

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var shard in _shards)
        {
            shard.Dispose();
        }

        foreach (var publisher in _publishers)
        {
            publisher.Dispose();
        }

        foreach (var producer in _producers)
        {
            await producer.DisposeAsync().ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Instrument {InstrumentId}: the journal's tail from {File} offset {Offset} was dropped (a torn record, or records after a hole of zeros: written to the OS, never fsynced); the book continues from command {LastCommandSequence}.")]
    private static partial void LogTornTailDropped(ILogger logger, int instrumentId, string? file, long offset, long lastCommandSequence);
}
