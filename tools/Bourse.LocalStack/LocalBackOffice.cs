using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Bourse.Domain.Reporting;
using Bourse.EventHubsLocal;
using Bourse.LocalEmulators;

namespace Bourse.LocalStack;

/// <summary>
/// The back office on one machine: Azurite, the Cosmos DB-compatible server, the local Event Hubs endpoint (in this
/// process), the engine host (a child process), and on demand the local host (a child process that the tests may kill
/// and start again). Everything binds to 127.0.0.1 on ports picked free at start.
/// </summary>
public sealed class LocalBackOffice : IAsyncDisposable
{
    /// <summary>The hubs of the local Event Hubs endpoint (name:partitions:groups): the back office reads with <c>$Default</c>,
    /// tools and tests with <c>tools</c>.</summary>
    public static readonly IReadOnlyList<string> Hubs = ["executions:4:tools", "book-updates:4:tools", "order-events:4:tools"];

    private readonly LocalBackOfficeOptions _options;
    private readonly string _configuration;
    private readonly int _sidecarPort;
    private readonly int _localHostPort;
    private readonly string _cosmosCertificatePath;
    private int _engineManagementPort;

    private LocalBackOffice(LocalBackOfficeOptions options, AzuriteServer azurite, CosmosServer cosmos, EventHubsLocalServer eventHubs, string configuration)
    {
        _options = options;
        Azurite = azurite;
        Cosmos = cosmos;
        EventHubs = eventHubs;
        _configuration = configuration;
        var ports = FreePorts(2);
        _sidecarPort = ports[0];
        _localHostPort = ports[1];
        _cosmosCertificatePath = Path.Combine(options.WorkDirectory, "cosmos-server.pem");
        File.WriteAllText(_cosmosCertificatePath, PemEncoding.WriteString("CERTIFICATE", cosmos.Certificate.Span));
    }

    /// <summary>Azurite: Durable Task state, checkpoints, blobs.</summary>
    public AzuriteServer Azurite { get; }

    /// <summary>The Cosmos DB-compatible server: the system of record.</summary>
    public CosmosServer Cosmos { get; }

    /// <summary>The local Event Hubs endpoint.</summary>
    public EventHubsLocalServer EventHubs { get; }

    /// <summary>The engine host, once <see cref="StartEngineHostAsync"/> ran.</summary>
    public ChildProcess? EngineHost { get; private set; }

    /// <summary>The local host, once <see cref="StartLocalHostAsync"/> ran.</summary>
    public ChildProcess? LocalHost { get; private set; }

    /// <summary>The engine host's order entry.</summary>
    public Uri EngineOrderEntry { get; private set; } = new("http://127.0.0.1:0");

    /// <summary>The local host's HTTP address.</summary>
    public Uri LocalHostAddress => new($"http://127.0.0.1:{_localHostPort.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The Durable Task sidecar of the local host: where clients schedule and query orchestrations.</summary>
    public Uri DurableTaskAddress => new($"http://127.0.0.1:{_sidecarPort.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The instruments.</summary>
    public IReadOnlyList<LocalInstrument> Instruments => _options.Instruments;

    /// <summary>The Cosmos database of the back office.</summary>
    public const string CosmosDatabase = "bourse";

    /// <summary>Starts the emulators (not yet the engine host and the local host).</summary>
    public static async Task<LocalBackOffice> StartAsync(LocalBackOfficeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.WorkDirectory);
        Directory.CreateDirectory(options.WorkDirectory);
        var configuration = options.BuildConfiguration ?? BuildConfigurationOfThisAssembly();

        var azurite = await AzuriteServer.StartAsync(new AzuriteServerOptions { DataDirectory = Path.Combine(options.WorkDirectory, "azurite") }, cancellationToken)
            .ConfigureAwait(false);
        CosmosServer? cosmos = null;
        EventHubsLocalServer? eventHubs = null;
        try
        {
            cosmos = await CosmosServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var hubs = new EventHubsLocalServerOptions { DataDirectory = Path.Combine(options.WorkDirectory, "eventhubs") };
            foreach (var hub in Hubs)
            {
                hubs.Hubs.Add(EventHubDefinition.Parse(hub));
            }

            eventHubs = new EventHubsLocalServer(hubs);
            await eventHubs.StartAsync(cancellationToken).ConfigureAwait(false);
            return new LocalBackOffice(options, azurite, cosmos, eventHubs, configuration);
        }
        catch
        {
            if (eventHubs is not null)
            {
                await eventHubs.DisposeAsync().ConfigureAwait(false);
            }

            if (cosmos is not null)
            {
                await cosmos.DisposeAsync().ConfigureAwait(false);
            }

            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the engine host (<c>bourse-engine serve</c>) with the stack's instruments, one shard, its journal in
    /// the work directory and its executions published to the local Event Hubs endpoint.</summary>
    public async Task StartEngineHostAsync(CancellationToken cancellationToken = default)
    {
        if (EngineHost is { HasExited: false })
        {
            throw new InvalidOperationException("The engine host is running.");
        }

        if (EngineOrderEntry.Port == 0)
        {
            var ports = FreePorts(2);
            EngineOrderEntry = new Uri($"http://127.0.0.1:{ports[0].ToString(CultureInfo.InvariantCulture)}");
            _engineManagementPort = ports[1];
        }

        var journal = Path.Combine(_options.WorkDirectory, "engine-journal");
        var config = Path.Combine(_options.WorkDirectory, "engine-host.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "EngineHost": {
                "Instruments": [ {{string.Join(", ", _options.Instruments.Select(i => i.EngineJson()))}} ],
                "Shards": [ { "Name": "shard0", "Instruments": [ {{string.Join(", ", _options.Instruments.Select(i => i.Id.ToString(CultureInfo.InvariantCulture)))}} ], "Cpu": 0 } ],
                "JournalDirectory": "{{Escape(journal)}}",
                "OrderEntry": { "Url": "{{EngineOrderEntry}}" },
                "EventHubs": { "ConnectionString": "{{EventHubs.ConnectionString}}", "ExecutionsHubName": "executions", "BookUpdatesHubName": "book-updates" }
              }
            }
            """, cancellationToken).ConfigureAwait(false);
        EngineHost = ChildProcess.Start(
            "the engine host",
            ProgramPath("engine-host/Bourse.EngineHost", "bourse-engine.dll"),
            // The management port explicitly: its default (order entry + 1) may be another stack's free pick.
            ["serve", "--config", config, "--management-port", _engineManagementPort.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>(),
            line => line.StartsWith("bourse-engine serving", StringComparison.Ordinal),
            Path.Combine(_options.WorkDirectory, "engine-host.log"));
        await EngineHost.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The regulator's drop folder the local host delivers reports to (in the work directory).</summary>
    public string RegulatorDropFolder => Path.Combine(_options.WorkDirectory, RegulatorDropFolderName);

    /// <summary>The drop folder's name in the work directory.</summary>
    public const string RegulatorDropFolderName = "regulator-outbox";

    /// <summary>The regulators' XSDs the local host validates with: the shared reference copy beside the repository.</summary>
    public string RegulatorySchemaDirectory => _regulatorySchemaDirectory ??= RegulatorySchemas.LocateDefaultDirectory(RepositoryRoot());

    private string? _regulatorySchemaDirectory;

    /// <summary>The local host's settings (environment variables) for this stack.</summary>
    public IReadOnlyDictionary<string, string> LocalHostEnvironment()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Urls"] = LocalHostAddress.ToString(),
            ["DurableTask__StorageConnectionString"] = Azurite.ConnectionString,
            ["DurableTask__TaskHub"] = _options.TaskHub,
            ["Storage__ConnectionString"] = Azurite.ConnectionString,
            ["DurableTask__SidecarPort"] = _sidecarPort.ToString(CultureInfo.InvariantCulture),
            ["Cosmos__ConnectionString"] = Cosmos.ConnectionString,
            ["Cosmos__Database"] = CosmosDatabase,
            ["Cosmos__CreateIfNotExists"] = "true",
            ["Cosmos__LocalServerCertificatePath"] = _cosmosCertificatePath,
            ["EngineOrderEntry__Address"] = EngineOrderEntry.ToString(),
            ["EventHubs__ConnectionString"] = EventHubs.ConnectionString,
            ["LocalHost__ExitWithStandardInput"] = "true",
            ["RegulatoryReports__DropFolder"] = RegulatorDropFolder,
            ["RegulatoryReports__SchemaDirectory"] = RegulatorySchemaDirectory,
        };
        foreach (var (key, value) in _options.LocalHostSettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Starts the local host and waits until it serves.</summary>
    public async Task StartLocalHostAsync(CancellationToken cancellationToken = default)
    {
        if (LocalHost is { HasExited: false })
        {
            throw new InvalidOperationException("The local host is running.");
        }

        if (LocalHost is not null)
        {
            await LocalHost.DisposeAsync().ConfigureAwait(false);
        }

        LocalHost = ChildProcess.Start(
            "the local host",
            ProgramPath("functions/Bourse.LocalHost", "bourse-localhost.dll"),
            [],
            LocalHostEnvironment(),
            line => line.StartsWith("bourse-localhost ready", StringComparison.Ordinal),
            Path.Combine(_options.WorkDirectory, "local-host.log"));
        await LocalHost.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (LocalHost is not null)
        {
            await LocalHost.DisposeAsync().ConfigureAwait(false);
        }

        if (EngineHost is not null)
        {
            await EngineHost.DisposeAsync().ConfigureAwait(false);
        }

        await EventHubs.DisposeAsync().ConfigureAwait(false);
        await Cosmos.DisposeAsync().ConfigureAwait(false);
        await Azurite.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The repository's root: the folder of <c>Functions.sln</c> above this assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}: the local stack runs from the repository's build outputs.");
    }

    private string ProgramPath(string project, string assembly) =>
        Path.Combine(RepositoryRoot(), project, "bin", _configuration, "net10.0", assembly);

    // Outputs are bin/<configuration>/<framework>/: whatever loaded this library ran from the same configuration.
    private static string BuildConfigurationOfThisAssembly() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name is { Length: > 0 } name ? name : "Release";

    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);

    // Listening ports for the children, picked below the kernel's ephemeral range: a port from that range, freed again
    // before the child binds it, can meanwhile become the source port of any outgoing connection on the machine (the
    // stack's own clients make many), and the child then fails with "address already in use".
    private static int[] FreePorts(int count)
    {
        var ephemeralLow = EphemeralRange().Low;
        var low = Math.Min(20_000, ephemeralLow / 2);
        var probes = new List<TcpListener>();
        try
        {
            while (probes.Count < count)
            {
                var probe = new TcpListener(IPAddress.Loopback, Random.Shared.Next(low, ephemeralLow));
                try
                {
                    probe.Start();
                    probes.Add(probe);
                }
                catch (SocketException)
                {
                    probe.Dispose();
                }
            }

            return [.. probes.Select(p => ((IPEndPoint)p.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var probe in probes)
            {
                probe.Dispose();
            }
        }
    }

    private static (int Low, int High) EphemeralRange()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (32_768, 60_999); // Linux's default
        }
    }
}
