using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Bourse.LocalEmulators.Installation;
using Bourse.LocalEmulators.Processes;
using Microsoft.Azure.Cosmos;

namespace Bourse.LocalEmulators;

/// <summary>
/// A Cosmos DB (NoSQL API) compatible server in a child process on 127.0.0.1 (<c>tools/local-emulators/cosmos-server.js</c>
/// over <c>@vercel/cosmosdb-server</c>): started by <see cref="StartAsync"/>, stopped by <see cref="DisposeAsync"/>.
/// Clients come from <see cref="CreateClient"/>.
/// </summary>
/// <remarks>
/// Data is in memory only and gone when the server stops. What the server does not support (transactional batch,
/// bulk, TTL, hierarchical partition keys, GROUP BY / DISTINCT / OFFSET LIMIT, request charges, 429s) is listed in the
/// README's "Local emulators" section.
/// </remarks>
public sealed partial class CosmosServer : IAsyncDisposable
{
    /// <summary>
    /// The key clients sign requests with. The server accepts any key; this is the Cosmos DB emulator's well-known key,
    /// public and documented by Microsoft, so that connection strings look like the emulator's.
    /// </summary>
    public const string AccountKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private const string Script = "cosmos-server.js";
    private const string CertificatePath = "node_modules/@vercel/cosmosdb-server/cert.pem";

    private readonly NodeProcess _process;
    private readonly byte[] _certificate;

    private CosmosServer(NodeProcess process, int port, byte[] certificate)
    {
        _process = process;
        Port = port;
        _certificate = certificate;
    }

    public int Port { get; }

    /// <summary>The account endpoint, <c>https://127.0.0.1:{port}/</c>.</summary>
    public Uri Endpoint => new($"https://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>A connection string in the SDK's format (<c>AccountEndpoint=…;AccountKey=…;</c>).</summary>
    public string ConnectionString => $"AccountEndpoint={Endpoint};AccountKey={AccountKey};";

    /// <summary>The server's self-signed certificate (DER); <see cref="CreateClient"/> trusts exactly this one.</summary>
    public ReadOnlyMemory<byte> Certificate => _certificate;

    internal NodeProcess Process => _process;

    /// <summary>Installs the npm packages if needed, starts the server and waits until it listens.</summary>
    /// <exception cref="LocalEmulatorException">It could not be installed or started; the message says why.</exception>
    public static async Task<CosmosServer> StartAsync(CosmosServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CosmosServerOptions();
        options.Validate();
        var emulators = EmulatorsDirectory.Resolve(options.EmulatorsDirectory);
        await EmulatorPackages.EnsureInstalledAsync(emulators, options, cancellationToken).ConfigureAwait(false);
        byte[] certificate;
        using (var pem = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(emulators, CertificatePath), cancellationToken).ConfigureAwait(false)))
        {
            certificate = pem.RawData;
        }

        var port = 0;
        var launch = new NodeLaunch(
            "The Cosmos DB server",
            options.NodeExecutable,
            Path.Combine(emulators, Script),
            ["--exit-with-stdin", "--host", "127.0.0.1", "--port", options.Port.ToString(CultureInfo.InvariantCulture)],
            emulators,
            line =>
            {
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    port = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                }

                return match.Success;
            },
            options.StartTimeout,
            options.StopTimeout);

        var process = await NodeProcess.StartAsync(launch, cancellationToken).ConfigureAwait(false);
        return new CosmosServer(process, port, certificate);
    }

    /// <summary>
    /// A client for this server, configured as <see cref="LocalCosmosClient.CreateOptions"/> says (Gateway mode, this
    /// endpoint only, this server's certificate only, System.Text.Json with camelCase names).
    /// </summary>
    /// <param name="configure">Changes to the options before the client is built (timeouts, serializer, ...).</param>
    public CosmosClient CreateClient(Action<CosmosClientOptions>? configure = null) =>
        LocalCosmosClient.Create(Endpoint, AccountKey, _certificate, configure);

    /// <summary>Stops the server (SIGTERM; SIGKILL after the stop timeout) and waits for it to exit.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _process.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    // "cosmos listening on https://127.0.0.1:8081", printed by cosmos-server.js once it listens.
    [GeneratedRegex(@"^cosmos listening on https://127\.0\.0\.1:(?<port>\d{1,5})\s*$")]
    private static partial Regex ListeningLine();
}
