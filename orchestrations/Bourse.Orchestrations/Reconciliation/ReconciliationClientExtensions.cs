using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Bourse.Orchestrations.Reconciliation;

/// <summary>Starts a reconciliation on demand (an operator, a test; the Functions app's timer later).</summary>
public static class ReconciliationClientExtensions
{
    /// <summary>Schedules <see cref="ReconciliationOrchestration"/> for <paramref name="input"/>.</summary>
    /// <param name="client">The Durable Task client.</param>
    /// <param name="input">The window.</param>
    /// <param name="instanceId">The instance id; <see langword="null"/>: a new one. Reusing the id of a running
    /// reconciliation is refused by the backend, which keeps two runs of one window from overlapping.</param>
    /// <param name="cancellationToken">Cancels the scheduling call.</param>
    /// <returns>The instance id.</returns>
    public static Task<string> StartReconciliationAsync(
        this DurableTaskClient client, ReconciliationInput input, string? instanceId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        return client.ScheduleNewOrchestrationInstanceAsync(
            ReconciliationOrchestration.Name, input, new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken);
    }
}
