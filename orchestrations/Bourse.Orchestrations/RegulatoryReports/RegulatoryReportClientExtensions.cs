using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Bourse.Orchestrations.RegulatoryReports;

/// <summary>Starts a report run (the API, the timer, a test).</summary>
public static class RegulatoryReportClientExtensions
{
    /// <summary>Schedules <see cref="RegulatoryReportOrchestration"/> for <paramref name="input"/> under its instance id
    /// (<see cref="RegulatoryReportInput.InstanceId"/>).</summary>
    /// <returns>The instance id.</returns>
    public static Task<string> StartRegulatoryReportAsync(
        this DurableTaskClient client, RegulatoryReportInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        return client.ScheduleNewOrchestrationInstanceAsync(
            RegulatoryReportOrchestration.Name, input, new StartOrchestrationOptions { InstanceId = input.InstanceId }, cancellationToken);
    }
}
