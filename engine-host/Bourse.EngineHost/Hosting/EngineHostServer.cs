using System.Net;
using Bourse.EngineHost.OrderEntry;
using Bourse.EngineHost.Sharding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bourse.EngineHost.Hosting;

/// <summary>
/// The engine host as a server: shards recovered from their journals, order entry over gRPC (HTTP/2) and the health
/// and readiness endpoints (HTTP/1.1), all wired in one place.
/// </summary>
/// <remarks>
/// The stages, in the order an order flows (threads named as in <see cref="ShardPipeline"/>):
/// 1. Kestrel threads: gRPC requests → <see cref="OrderGateway"/> (validation, client order ids) → shard command ring;
/// 2. one matching thread per shard: journal → book → <see cref="OutcomeRouter"/> after the journal flush;
/// 3. Kestrel threads: each session's reports → its call or stream.
/// Start-up: open every shard (recovery), load the client order registry from the journals, start the matching
/// threads, then listen. Stop: stop listening, then stop every shard (drain, fsync, snapshot).
/// </remarks>
internal sealed class EngineHostServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IReadOnlyList<ShardPipeline> _shards;

    private EngineHostServer(WebApplication app, IReadOnlyList<ShardPipeline> shards, OrderSessions sessions)
    {
        _app = app;
        _shards = shards;
        Sessions = sessions;
    }

    /// <summary>The order-entry (gRPC, HTTP/2 without TLS on loopback) address.</summary>
    public required Uri OrderEntryAddress { get; init; }

    /// <summary>The health endpoints' address (<c>/health</c>, <c>/ready</c>).</summary>
    public required Uri ManagementAddress { get; init; }

    public OrderSessions Sessions { get; }

    public bool IsReady { get; private set; }

    /// <summary>Recovers the shards and builds the server; <see cref="StartAsync"/> starts it.</summary>
    /// <param name="shards">The shards' options (each instrument in exactly one).</param>
    /// <param name="orderEntryPort">The gRPC port on 127.0.0.1 (0: any free port).</param>
    /// <param name="managementPort">The health port on 127.0.0.1 (0: any free port).</param>
    /// <param name="configureLogging">Logging set-up; the default logs warnings and errors to the console.</param>
    /// <param name="tls">Mutual TLS for order entry; null serves plain HTTP/2 (loopback development only).</param>
    public static EngineHostServer Create(
        IReadOnlyList<ShardOptions> shards, int orderEntryPort = 0, int managementPort = 0, Action<ILoggingBuilder>? configureLogging = null, OrderEntryTls? tls = null)
    {
        ArgumentNullException.ThrowIfNull(shards);
        var registry = new ClientOrderRegistry();
        var sessions = new OrderSessions();
        var router = new OutcomeRouter(sessions, registry, TimeProvider.System);
        var opened = new List<ShardPipeline>();
        var byInstrument = new Dictionary<int, ShardPipeline>();
        try
        {
            foreach (var options in shards)
            {
                var shard = ShardPipeline.Open(options, router);
                opened.Add(shard);
                foreach (var spec in options.Instruments)
                {
                    byInstrument.Add(spec.InstrumentId, shard);
                    registry.LoadJournal(spec.InstrumentId, Path.Combine(options.JournalDirectory, spec.InstrumentId.ToString(System.Globalization.CultureInfo.InvariantCulture), "journal"));
                }
            }
        }
        catch
        {
            foreach (var shard in opened)
            {
                shard.Dispose();
            }

            throw;
        }

        // Ports are fixed before Kestrel starts so that each address is known by its role (Kestrel lists bound
        // addresses without saying which endpoint they belong to).
        orderEntryPort = orderEntryPort == 0 ? FreeLoopbackPort() : orderEntryPort;
        managementPort = managementPort == 0 ? FreeLoopbackPort() : managementPort;
        var builder = WebApplication.CreateSlimBuilder();
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
            kestrel.Listen(IPAddress.Loopback, orderEntryPort, listen =>
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
        builder.Services.AddSingleton(new OrderGateway(byInstrument, registry));
        builder.Services.AddSingleton(sessions);
        var app = builder.Build();
        var server = new EngineHostServer(app, opened, sessions)
        {
            OrderEntryAddress = new Uri($"{(tls is null ? "http" : "https")}://127.0.0.1:{orderEntryPort}"),
            ManagementAddress = new Uri($"http://127.0.0.1:{managementPort}"),
        };
        app.MapGrpcService<OrderEntryService>();
        app.MapGet("/health", () => Results.Ok(new { status = "alive" }));
        app.MapGet("/ready", () => server.IsReady ? Results.Ok(new { status = "ready" }) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        return server;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
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
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var shard in _shards)
        {
            shard.Dispose();
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
