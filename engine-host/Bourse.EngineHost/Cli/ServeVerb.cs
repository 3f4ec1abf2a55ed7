using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Bourse.EngineHost.Configuration;
using Bourse.EngineHost.Hosting;
using Bourse.EngineHost.Topology;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Bourse.EngineHost.Cli;

/// <summary><c>serve --config FILE [--management-port N]</c>: runs the engine host until SIGTERM or Ctrl-C.</summary>
internal static class ServeVerb
{
    public static Verb Verb { get; } = new(
        "serve",
        "run the engine host: recover the shards, serve order entry over gRPC until SIGTERM",
        """
        usage: bourse-engine serve --config FILE [--management-port N]

        Loads the engine host's settings (FILE, then environment variables such as EngineHost__JournalDirectory), checks the shard layout against the
        machine's NUMA topology, sends EngineHost:WarmUp:Orders orders through a throwaway host (none by default), recovers
        every book from its snapshot and journal, pins each shard's matching thread, then serves order entry (gRPC, HTTP/2; mutual TLS when certificates are configured) on EngineHost:OrderEntry:Url
        and /health, /ready on the management port. SIGTERM or Ctrl-C stops it gracefully: no new orders, the rings
        drained, the journals flushed to disk and a snapshot written per book.

          --config FILE        the settings (see engine-host/Bourse.EngineHost/appsettings.json)
          --management-port N  the health port on 127.0.0.1 (default: the order-entry port + 1)
        """,
        ["config", "management-port"],
        [],
        Execute);

    private static int Execute(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var configPath = args.GetRequiredString("config");
        var options = EngineHostConfigInput.TryLoad("serve", configPath, stderr);
        if (options is null)
        {
            return ExitCodes.Failure;
        }

        var layout = ShardLayoutValidator.Check(options, NumaTopology.Read());
        if (!layout.IsValid)
        {
            stderr.WriteLine("bourse-engine serve: the shard layout is refused:");
            foreach (var problem in layout.Problems)
            {
                stderr.WriteLine($"  - {problem.Message}");
            }

            return ExitCodes.Failure;
        }

        // The validator has made sure the host is an IP address (or a loopback name) and that a non-loopback one has mutual TLS.
        var orderEntry = new Uri(options.OrderEntry.Url);
        var listenOn = orderEntry.IsLoopback && !IPAddress.TryParse(orderEntry.Host.Trim('[', ']'), out _)
            ? IPAddress.Loopback
            : IPAddress.Parse(orderEntry.Host.Trim('[', ']'));

        var managementPort = args.GetString("management-port") is null ? orderEntry.Port + 1 : (int)args.GetRequiredInt64("management-port", 1, 65_535);
        var tls = options.OrderEntry is { ServerCertificatePath: { } cert, ServerKeyPath: { } key, ClientCaPath: { } ca }
            ? OrderEntryTls.FromPemFiles(cert, key, ca)
            : null;

        using var services = new ServiceCollection()
            .AddMetrics()
            .AddLogging(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Information))
            .BuildServiceProvider();
        var starter = new ShardThreadStarter(
            CpuAffinity.ForCurrentPlatform(),
            new PinningMetrics(services.GetRequiredService<IMeterFactory>()),
            services.GetRequiredService<ILogger<ShardThreadStarter>>());

        if (options.WarmUp.Orders > 0)
        {
            // Before the real host exists: nothing of the warm-up reaches its journals, registry or Event Hubs.
            var warmUp = EngineHostWarmUp.RunAsync(options.WarmUp.Orders, options.Journal.ToJournalOptions(), CancellationToken.None).GetAwaiter().GetResult();
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"bourse-engine warmed up: {warmUp.Orders:N0} orders through a throwaway host in {warmUp.Elapsed.TotalSeconds:F1} s (last pass {warmUp.LastPass.RequestsPerSecond:N0}/s, p99 {warmUp.LastPass.P99:F0} µs)"));
            stdout.Flush();
        }

        var publishing = options.EventHubs.ConnectionString is { Length: > 0 } connection
            ? new EventHubsPublishing(connection, options.EventHubs.ExecutionsHubName, options.EventHubs.BookUpdatesHubName)
            : null;
        var server = EngineHostServer.Create(
            options.ToShardOptions(starter), orderEntry.Port, managementPort, tls: tls, publishing: publishing,
            telemetry: EngineHostTelemetry.FromOptions(options.Telemetry), serviceName: options.Telemetry.ServiceName, orderEntryAddress: listenOn);
        using var stopping = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.Cancel(); });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopping.Cancel(); });
        server.StartAsync().GetAwaiter().GetResult();
        stdout.WriteLine($"bourse-engine serving order entry on {server.OrderEntryAddress}, health on {server.ManagementAddress}");
        stdout.Flush();
        stopping.Token.WaitHandle.WaitOne();
        stdout.WriteLine("bourse-engine stopping: draining the shards");
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        stdout.WriteLine("bourse-engine stopped");
        return ExitCodes.Success;
    }
}
