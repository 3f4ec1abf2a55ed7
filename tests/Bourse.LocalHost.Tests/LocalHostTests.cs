using System.Net;
using Bourse.LocalHost.Tests.Support;
using Bourse.Orchestrations.PlainThreeStep;
using Microsoft.DurableTask.Client;

namespace Bourse.LocalHost.Tests;

[Collection(SharedLocalBackOffice.Name)]
public sealed class LocalHostTests(LocalBackOfficeFixture fixture)
{
    [Fact]
    public async Task The_local_host_answers_its_health_route()
    {
        using var http = new HttpClient { BaseAddress = fixture.Stack.LocalHostAddress };
        using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_orchestration_scheduled_on_its_sidecar_runs_on_its_worker_against_azurite()
    {
        var id = await fixture.Client.ScheduleNewOrchestrationInstanceAsync(PlainThreeStepOrchestration.Name, "order-smoke");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await fixture.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Contains("order-smoke", done.ReadOutputAs<string>(), StringComparison.Ordinal);
    }
}
