using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Reconciliation;
using Bourse.Orchestrations.RegulatoryReports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Bourse.Functions.Orchestrations;

/// <summary>
/// The orchestrators as functions: each hands its context to the same function-based orchestrator the Durable Task
/// worker registers (<c>DurableTaskRegistryExtensions.AddBourseOrchestrations</c>). Function-based because class-based
/// orchestrators need the Durable Task source generator, which the package mirror does not serve.
/// </summary>
public static class OrchestrationFunctions
{
    /// <summary>The order saga.</summary>
    [Function(OrderToClearingOrchestration.Name)]
    public static Task<OrderToClearingResult?> OrderToClearing([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<OrderToClearingInput>() ?? throw new InvalidOperationException("The saga needs its input.");
        return OrderToClearingOrchestration.RunAsync(context, input);
    }

    /// <summary>The reconciliation.</summary>
    [Function(ReconciliationOrchestration.Name)]
    public static Task<ReconciliationResult> Reconciliation([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<ReconciliationInput>() ?? throw new InvalidOperationException("The reconciliation needs its input.");
        return ReconciliationOrchestration.RunAsync(context, input);
    }

    /// <summary>A regulatory report of one day.</summary>
    [Function(RegulatoryReportOrchestration.Name)]
    public static Task<RegulatoryReportResult> RegulatoryReport([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<RegulatoryReportInput>() ?? throw new InvalidOperationException("The report needs its input.");
        return RegulatoryReportOrchestration.RunAsync(context, input);
    }
}
