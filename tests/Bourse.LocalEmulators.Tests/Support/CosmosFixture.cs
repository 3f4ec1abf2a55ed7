using Microsoft.Azure.Cosmos;

namespace Bourse.LocalEmulators.Tests.Support;

/// <summary>
/// One Cosmos DB server, client and database for a test class; each test makes its own container
/// (<see cref="CreateContainerAsync"/>) so that tests do not see each other's items.
/// </summary>
public sealed class CosmosFixture : IAsyncLifetime
{
    private CosmosServer? _server;
    private CosmosClient? _client;
    private Database? _database;

    public CosmosServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    public CosmosClient Client => _client ?? throw new InvalidOperationException("The fixture has not started.");

    public Database Database => _database ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _server = await CosmosServer.StartAsync();
        // Fail fast: the default (65 s, and retries on 429/503) would turn a server bug into a minute-long hang.
        _client = _server.CreateClient(options =>
        {
            options.RequestTimeout = TimeSpan.FromSeconds(10);
            options.MaxRetryAttemptsOnRateLimitedRequests = 0;
        });
        _database = (await _client.CreateDatabaseIfNotExistsAsync("bourse")).Database;
    }

    /// <summary>A new container partitioned by <paramref name="partitionKeyPath"/>.</summary>
    public async Task<Container> CreateContainerAsync(string partitionKeyPath = "/accountId") =>
        (await Database.CreateContainerAsync($"c-{Guid.NewGuid():N}", partitionKeyPath)).Container;

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
