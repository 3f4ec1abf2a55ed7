using Bourse.Orchestrations.PlainThreeStep;
using Bourse.Orchestrations.Tests.OrderToClearing;
using Microsoft.DurableTask.Client;

namespace Bourse.Orchestrations.Tests;

public sealed class PlainThreeStepTests(SagaHostFixture fixture) : IClassFixture<SagaHostFixture>
{
    [Fact]
    public async Task Runs_its_three_activities_in_order()
    {
        DurableTaskClient client = fixture.Host.Client;
        string id = await client.ScheduleNewOrchestrationInstanceAsync(PlainThreeStepOrchestration.Name, "go");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal("go>PlainStepOne>PlainStepTwo>PlainStepThree", done.ReadOutputAs<string>());
    }
}
