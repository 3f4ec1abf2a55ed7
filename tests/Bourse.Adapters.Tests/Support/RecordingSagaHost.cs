using System.Net;
using System.Net.Sockets;
using Bourse.Adapters.Cosmos;
using Bourse.Adapters.DurableTask;
using Bourse.Orchestrations.Executions;
using Bourse.Orchestrations.Hosting;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bourse.Adapters.Tests.Support;

/// <summary>
/// The in-process Durable Task host with the back office's orchestrations and a "Recorder" orchestration that stands in
/// for the saga as an event target: it waits for <see cref="SagaEvents.ExecutionReport"/> events, keeps the distinct
/// sequences it got (in its custom status) and completes after the number its input asks for. The raise port is the real
/// <see cref="DurableTaskSagaEventRaiser"/> on the host's client; the executions and links stores are on Cosmos DB.
/// </summary>
internal sealed class RecordingSagaHost : IAsyncDisposable
{
    public const string Recorder = "Recorder";

    private readonly DurableTaskTestHost _host;

    private RecordingSagaHost(DurableTaskTestHost host, ExecutionStores stores, DurableTaskSagaEventRaiser raiser)
    {
        _host = host;
        Stores = stores;
        Raiser = raiser;
        Router = new ExecutionRouter(stores.Executions, stores.Links, raiser);
    }

    public DurableTaskClient Client => _host.Client;

    public ExecutionStores Stores { get; }

    public DurableTaskSagaEventRaiser Raiser { get; }

    public ExecutionRouter Router { get; }

    /// <summary>Starts a host whose activities see <paramref name="stores"/>; <paramref name="configure"/> adds services.</summary>
    public static async Task<RecordingSagaHost> StartAsync(ExecutionStores stores, Action<IServiceCollection>? configure = null)
    {
        DurableTaskSagaEventRaiser? raiser = null;
        var options = new DurableTaskTestHostOptions
        {
            Port = FreePort(),
            LoggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning)),
            ConfigureServices = services =>
            {
                services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
                services.AddSingleton(stores.Executions);
                services.AddSingleton(stores.Links);
                services.AddSingleton<ISagaEventRaiser>(_ => raiser ?? throw new InvalidOperationException("not started"));
                services.AddBourseOrchestrations();
                services.AddBourseExecutionRouting();
                configure?.Invoke(services);
            },
        };
        var host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                registry.AddBourseOrchestrations();
                registry.AddOrchestratorFunc<int, List<long>>(Recorder, RecordAsync);
            },
            options);
        raiser = new DurableTaskSagaEventRaiser(host.Client, retryDelay: TimeSpan.FromMilliseconds(20));
        return new RecordingSagaHost(host, stores, raiser);
    }

    /// <summary>Starts a recorder that completes after <paramref name="expected"/> distinct reports.</summary>
    public async Task<string> StartRecorderAsync(int expected)
    {
        var id = "order-" + Guid.NewGuid().ToString("N")[..10];
        await Client.ScheduleNewOrchestrationInstanceAsync(Recorder, expected, new StartOrchestrationOptions { InstanceId = id });
        await WaitAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running || m.IsCompleted);
        return id;
    }

    /// <summary>The distinct sequences a recorder got so far.</summary>
    public async Task<List<long>> ReceivedAsync(string id)
    {
        var metadata = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        return metadata?.IsCompleted == true ? metadata.ReadOutputAs<List<long>>() ?? [] : metadata?.ReadCustomStatusAs<List<long>>() ?? [];
    }

    /// <summary>Polls until <paramref name="until"/> holds for the recorder's sequences (fails after 30 s).</summary>
    public async Task<List<long>> ReceivedAsync(string id, Func<List<long>, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var got = await ReceivedAsync(id);
            if (until(got))
            {
                return got;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Polls the instance until <paramref name="until"/> holds.</summary>
    public async Task<OrchestrationMetadata> WaitAsync(string id, Func<OrchestrationMetadata, bool> until, int seconds = 30)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var metadata = await Client.GetInstanceAsync(id, getInputsAndOutputs: true, timeout.Token);
            if (metadata is not null && until(metadata))
            {
                return metadata;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static async Task<List<long>> RecordAsync(TaskOrchestrationContext context, int expected)
    {
        var seen = new List<long>();
        context.SetCustomStatus(seen);
        while (seen.Count < expected)
        {
            var report = await context.WaitForExternalEvent<ExecutionReport>(SagaEvents.ExecutionReport);
            if (!seen.Contains(report.InstrumentSequence))
            {
                seen.Add(report.InstrumentSequence);
                context.SetCustomStatus(seen);
            }
        }

        return seen;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The executions and links stores on new containers of the shared Cosmos server.</summary>
internal sealed record ExecutionStores(IExecutionStore Executions, IOrderLinkStore Links, Container ExecutionsContainer)
{
    public static async Task<ExecutionStores> CreateAsync(Database database)
    {
        var resilience = new CosmosLedgerOptions { RetryDelay = TimeSpan.FromMilliseconds(10) };
        var executions = await CosmosExecutionStore.CreateContainerIfNotExistsAsync(database, $"executions-{Guid.NewGuid():N}");
        var links = await CosmosOrderLinkStore.CreateContainerIfNotExistsAsync(database, $"links-{Guid.NewGuid():N}");
        return new ExecutionStores(new CosmosExecutionStore(executions, resilience), new CosmosOrderLinkStore(links, resilience), executions);
    }
}
