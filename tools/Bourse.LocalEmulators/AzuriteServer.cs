using System.Globalization;
using System.Text.RegularExpressions;
using Bourse.LocalEmulators.Installation;
using Bourse.LocalEmulators.Processes;

namespace Bourse.LocalEmulators;

/// <summary>
/// Azurite (Blob, Queue and Table) in a child process on 127.0.0.1, from <c>tools/local-emulators</c>: started by
/// <see cref="StartAsync"/>, stopped by <see cref="DisposeAsync"/>. Clients connect with <see cref="ConnectionString"/>.
/// </summary>
/// <remarks>
/// Runs <c>azurite-server.js</c>, which loads Azurite in-process and stops it when this process's end of its standard
/// input closes, so a test host that crashes leaves no Azurite behind. Azurite runs with <c>--skipApiVersionCheck</c>
/// (newer SDKs send API versions it does not know yet), <c>--loose</c> (it ignores headers it does not support instead
/// of failing), <c>--silent</c> (no access log) and <c>--disableTelemetry</c> (it would otherwise report usage over
/// the network).
/// </remarks>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>
    /// Azurite's development account key: public and documented by Microsoft, the same on every installation; it guards
    /// nothing (the server listens on 127.0.0.1 only).
    /// </summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string Script = "azurite-server.js";

    private readonly NodeProcess _process;

    private AzuriteServer(NodeProcess process, int blobPort, int queuePort, int tablePort, string? dataDirectory)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        DataDirectory = dataDirectory;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>Where the data is kept, or <c>null</c> when it is in memory.</summary>
    public string? DataDirectory { get; }

    public Uri BlobEndpoint => ServiceEndpoint(BlobPort);

    public Uri QueueEndpoint => ServiceEndpoint(QueuePort);

    public Uri TableEndpoint => ServiceEndpoint(TablePort);

    /// <summary>A connection string for the Azure Storage SDKs (Blobs, Queues, Tables) and the Durable Task provider.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    internal NodeProcess Process => _process;

    /// <summary>Installs the npm packages if needed, starts Azurite and waits until all three services listen.</summary>
    /// <exception cref="LocalEmulatorException">It could not be installed or started; the message says why.</exception>
    public static async Task<AzuriteServer> StartAsync(AzuriteServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteServerOptions();
        options.Validate();
        var emulators = EmulatorsDirectory.Resolve(options.EmulatorsDirectory);
        await EmulatorPackages.EnsureInstalledAsync(emulators, options, cancellationToken).ConfigureAwait(false);

        var dataDirectory = options.DataDirectory is null ? null : Path.GetFullPath(options.DataDirectory);
        if (dataDirectory is not null)
        {
            Directory.CreateDirectory(dataDirectory);
        }

        var arguments = new List<string>
        {
            "--exit-with-stdin",
            "--blobHost", "127.0.0.1", "--blobPort", Invariant(options.BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Invariant(options.QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Invariant(options.TablePort),
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
        };
        arguments.AddRange(dataDirectory is null ? ["--inMemoryPersistence"] : ["--location", dataDirectory]);

        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var launch = new NodeLaunch(
            "Azurite",
            options.NodeExecutable,
            Path.Combine(emulators, Script),
            arguments,
            // In memory, Azurite still resolves a location (the working directory); keep it out of the repository.
            dataDirectory ?? Path.GetTempPath(),
            line =>
            {
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                }

                return ports.Count == 3;
            },
            options.StartTimeout,
            options.StopTimeout);

        var process = await NodeProcess.StartAsync(launch, cancellationToken).ConfigureAwait(false);
        return new AzuriteServer(process, ports["Blob"], ports["Queue"], ports["Table"], dataDirectory);
    }

    /// <summary>Stops Azurite (SIGTERM; SIGKILL after the stop timeout) and waits for it to exit.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _process.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static Uri ServiceEndpoint(int port) =>
        new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{AccountName}");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    // "Azurite Blob service is successfully listening at http://127.0.0.1:10000", printed by each service once it
    // listens (with the port the OS gave it when asked for port 0).
    [GeneratedRegex(@"^Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^\s]+:(?<port>\d{1,5})\s*$")]
    private static partial Regex ListeningLine();
}
