using Bourse.LocalStack;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.LocalHost.Tests.Support;

/// <summary>The local back office (emulators, engine host, local host as child processes) shared by a test class, and a
/// Durable Task client on the local host's sidecar.</summary>
public sealed class LocalBackOfficeFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-localhost-tests-");
    private ServiceProvider? _clients;

    /// <summary>Traders 1001-1020 (individuals, CN) with cash and shares of every instrument, and 1099, whose owner is on the
    /// sanctions list of the local host's appsettings.json.</summary>
    public static IReadOnlyList<SeedAccount> Accounts { get; } =
    [
        .. Enumerable.Range(1001, 20).Select(n => new SeedAccount(
            n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"C{n}", Bourse.Domain.Risk.CustomerType.Individual, $"Trader {n}", "CN", 10_000_000m, 100_000)),
        new SeedAccount("1099", "C1099", Bourse.Domain.Risk.CustomerType.Individual, "Ivan Petrovich Sidorov", "CN", 10_000_000m, 100_000),
    ];

    public LocalBackOffice Stack { get; private set; } = null!;

    public DurableTaskClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new LocalBackOfficeOptions { WorkDirectory = _directory.FullName };
        // The risk rules' 2 s deadline is for production hardware; here the first evaluations (JIT, first queries) run on
        // 2 shared cores beside the other test projects and once timed out for the first six orders, failing closed
        // (RULE_TIMEOUT; before AssessRisk judged a timed-out order again). The deadline and the re-judgement are tested
        // on their own (RiskEvaluatorTests, RiskTimeoutTests).
        options.LocalHostSettings["RiskRules__Deadline"] = "00:00:15";
        Stack = await LocalBackOffice.StartAsync(options);
        using (var cosmos = Stack.Cosmos.CreateClient())
        {
            await BackOfficeSeed.SeedAsync(cosmos, LocalBackOffice.CosmosDatabase, Stack.Instruments, Accounts, DateTimeOffset.UnixEpoch);
        }

        await Stack.StartEngineHostAsync();
        await Stack.StartLocalHostAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddDurableTaskClient(client => client.UseGrpc(GrpcChannel.ForAddress(Stack.DurableTaskAddress)));
        _clients = services.BuildServiceProvider();
        Client = _clients.GetRequiredService<DurableTaskClient>();
    }

    public async Task DisposeAsync()
    {
        if (_clients is not null)
        {
            await _clients.DisposeAsync();
        }

        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }
}
