using Bourse.Adapters.Cosmos;
using Bourse.LocalEmulators;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.Adapters.Tests.Support;

/// <summary>
/// One local Cosmos DB server, client and database for the test collection; each test makes its own ledger on new
/// containers (<see cref="CreateLedgerAsync"/>) so that tests do not see each other's documents.
/// </summary>
public sealed class CosmosFixture : IAsyncLifetime
{
    /// <summary>The ledgers' clock starts here (entries' recording times; the query windows).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    private CosmosServer? _server;
    private CosmosClient? _client;
    private Database? _database;

    public Database Database => _database ?? throw new InvalidOperationException("The fixture has not started.");

    public CosmosClient Client => _client ?? throw new InvalidOperationException("The fixture has not started.");

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

    /// <summary>A ledger on two new containers, its store optionally wrapped (fault injection), its clock fake.</summary>
    internal async Task<TestLedger> CreateLedgerAsync(CosmosLedgerOptions? options = null, Func<ILedgerStore, ILedgerStore>? wrap = null)
    {
        options ??= new CosmosLedgerOptions();
        options.AccountsContainer = $"accounts-{Guid.NewGuid():N}";
        options.EntriesContainer = $"entries-{Guid.NewGuid():N}";
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
        var (accounts, entries) = await CosmosLedger.CreateContainersIfNotExistsAsync(Database, options);
        var cosmos = new CosmosLedgerStore(accounts, entries, CosmosResilience.Create(options, TimeProvider.System));
        var store = wrap?.Invoke(cosmos) ?? cosmos;
        var clock = new FakeTimeProvider(Start);
        return new TestLedger(new CosmosLedger(store, options, clock), cosmos, clock, options);
    }

    /// <summary>A ledger under test whose store injects faults (<see cref="FaultInjectingStore"/>).</summary>
    internal async Task<(TestLedger Test, FaultInjectingStore Faults)> CreateFaultyLedgerAsync(CosmosLedgerOptions? options = null)
    {
        FaultInjectingStore? faults = null;
        var test = await CreateLedgerAsync(options, inner => faults = new FaultInjectingStore(inner));
        return (test, faults!);
    }

    /// <summary>A second ledger on the same containers and undecorated store: another process writing at the same time.</summary>
    internal static CosmosLedger Other(TestLedger test) => new(test.Store, test.Options, test.Clock);

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>A ledger under test, the undecorated store beneath it, and its clock.</summary>
internal sealed record TestLedger(CosmosLedger Ledger, ILedgerStore Store, FakeTimeProvider Clock, CosmosLedgerOptions Options);
