using System.Diagnostics;
using Bourse.LocalEmulators;
using Bourse.Orchestrations.Hosting;
using Bourse.Orchestrations.PlainThreeStep;
using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bourse.DurableTaskLocal.Tests;

/// <summary>
/// Orchestrations on the Azure Storage provider against a real Azurite, through the sidecar and the portable SDK's
/// gRPC worker and client, as the local host runs them.
/// </summary>
public sealed class DurableTaskSidecarTests : IAsyncLifetime
{
    private const string Waiting = "WaitForApproval";
    private AzuriteServer _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task An_orchestration_runs_to_completion_with_its_state_in_azure_storage()
    {
        await using var sidecar = await DurableTaskSidecar.StartAsync(_azurite.ConnectionString, "runs");
        using var worker = await StartWorkerAsync(sidecar);
        var client = worker.Services.GetRequiredService<DurableTaskClient>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync(PlainThreeStepOrchestration.Name, "order-1");
        var done = await UntilAsync(client, id, OrchestrationRuntimeStatus.Completed);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Contains("order-1", done.ReadOutputAs<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiting_orchestration_survives_its_worker_and_sidecar_and_finishes_on_the_next()
    {
        string id;
        await using (var sidecar = await DurableTaskSidecar.StartAsync(_azurite.ConnectionString, "restarts"))
        {
            using var worker = await StartWorkerAsync(sidecar);
            var client = worker.Services.GetRequiredService<DurableTaskClient>();
            id = await client.ScheduleNewOrchestrationInstanceAsync(Waiting, "order-2");
            await UntilAsync(client, id, OrchestrationRuntimeStatus.Running, status => status.SerializedCustomStatus?.Contains("waiting", StringComparison.Ordinal) == true);
            await worker.StopAsync();
        }

        await using (var sidecar = await DurableTaskSidecar.StartAsync(_azurite.ConnectionString, "restarts"))
        {
            using var worker = await StartWorkerAsync(sidecar);
            var client = worker.Services.GetRequiredService<DurableTaskClient>();
            await client.RaiseEventAsync(id, "Approved", "yes");
            var done = await UntilAsync(client, id, OrchestrationRuntimeStatus.Completed);

            Assert.Equal("order-2 approved: yes", done.ReadOutputAs<string>());
        }
    }

    [Fact]
    public async Task A_second_start_of_a_running_instance_is_refused_and_the_running_one_keeps_its_history()
    {
        await using var sidecar = await DurableTaskSidecar.StartAsync(_azurite.ConnectionString, "starts");
        using var worker = await StartWorkerAsync(sidecar);
        var client = worker.Services.GetRequiredService<DurableTaskClient>();
        var once = new StartOrchestrationOptions("order-3").WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]);
        await client.ScheduleNewOrchestrationInstanceAsync(Waiting, "first", once);
        await UntilAsync(client, "order-3", OrchestrationRuntimeStatus.Running, status => status.SerializedCustomStatus?.Contains("waiting", StringComparison.Ordinal) == true);

        var second = await Record.ExceptionAsync(() => client.ScheduleNewOrchestrationInstanceAsync(Waiting, "second", once));
        var plain = await Record.ExceptionAsync(() => client.ScheduleNewOrchestrationInstanceAsync(Waiting, "third", new StartOrchestrationOptions("order-3")));
        await client.RaiseEventAsync("order-3", "Approved", "yes");
        var done = await UntilAsync(client, "order-3", OrchestrationRuntimeStatus.Completed);

        Assert.NotNull(second);
        Assert.NotNull(plain);
        Assert.Equal("first approved: yes", done.ReadOutputAs<string>());
    }

    private static async Task<IHost> StartWorkerAsync(DurableTaskSidecar sidecar)
    {
        var channel = GrpcChannel.ForAddress(sidecar.Address);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(channel);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registry =>
            {
                registry.AddBourseOrchestrations();
                registry.AddOrchestratorFunc<string, string>(Waiting, async (context, order) =>
                {
                    context.SetCustomStatus("waiting");
                    var answer = await context.WaitForExternalEvent<string>("Approved");
                    return $"{order} approved: {answer}";
                });
            });
            worker.UseGrpc(channel);
        });
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(channel));
        builder.Services.AddBourseOrchestrations();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Polls the instance (WaitForInstanceCompletionAsync checks only every few seconds through this path).</summary>
    private static async Task<OrchestrationMetadata> UntilAsync(
        DurableTaskClient client, string id, OrchestrationRuntimeStatus status, Func<OrchestrationMetadata, bool>? also = null)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance is not null && instance.RuntimeStatus == status && (also is null || also(instance)))
            {
                return instance;
            }

            if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Failed)
            {
                Assert.Fail($"{id} failed: {instance.FailureDetails?.ErrorMessage}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{id} did not reach {status} in 60 s.");
    }
}
