using Bourse.LocalStack;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.LocalHost.Tests;

/// <summary>The local back office (emulators, engine host, local host as child processes) shared by a test class, and a
/// Durable Task client on the local host's sidecar.</summary>
public sealed class LocalBackOfficeFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-localhost-tests-");
    private ServiceProvider? _clients;

    public LocalBackOffice Stack { get; private set; } = null!;

    public DurableTaskClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new LocalBackOfficeOptions { WorkDirectory = _directory.FullName };
        // Short waits: a test's sagas should not sit out a production-sized report timeout.
        options.LocalHostSettings["OrderToClearing__ReportWaitTimeout"] = "00:00:10";
        Stack = await LocalBackOffice.StartAsync(options);
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
