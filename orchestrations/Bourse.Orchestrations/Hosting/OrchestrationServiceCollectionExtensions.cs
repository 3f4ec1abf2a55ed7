using Bourse.Orchestrations.Executions;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Reconciliation.Activities;
using Bourse.Orchestrations.RegulatoryReports;
using Bourse.Orchestrations.RegulatoryReports.Activities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bourse.Orchestrations.Hosting;

/// <summary>Registers the activities' classes for any host (Durable Task worker, Functions app).</summary>
public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the saga's activity classes (singletons: they hold nothing but their ports) and the
    /// <see cref="FeeSchedule"/> options (configure them from section <see cref="FeeSchedule.SectionName"/>), the
    /// reports' <see cref="RegulatoryReportingOptions"/> and format catalog. The host registers the ports of
    /// <see cref="Ports"/> (adapters), the report formats (<c>IRegulatoryReportFormat</c>) and schema validator, and the
    /// risk rules (<c>AddBourseRiskRules</c>).
    /// </summary>
    public static IServiceCollection AddBourseOrchestrations(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<FeeSchedule>();
        services.TryAddSingleton<ValidateOrderActivity>();
        services.TryAddSingleton<AssessRiskActivity>();
        services.TryAddSingleton<ReserveFundsActivity>();
        services.TryAddSingleton<SubmitToEngineActivity>();
        services.TryAddSingleton<CancelAtEngineActivity>();
        services.TryAddSingleton<ClearFillActivity>();
        services.TryAddSingleton<ReleaseHoldActivity>();
        services.TryAddSingleton<PublishOrderEventActivity>();
        services.TryAddSingleton<LoadFillFactsActivity>();
        services.TryAddSingleton<LoadFillEntriesActivity>();
        services.TryAddSingleton<ReRaiseExecutionsActivity>();
        services.TryAddSingleton<ClearDirectFillsActivity>();
        services.AddOptions<RegulatoryReportingOptions>();
        services.TryAddSingleton<RegulatoryReportFormatCatalog>();
        services.TryAddSingleton<CollectReportableActivity>();
        services.TryAddSingleton<AssembleReportActivity>();
        services.TryAddSingleton<ArchiveReportActivity>();
        services.TryAddSingleton<SubmitReportActivity>();
        return services;
    }

    /// <summary>
    /// Registers the <see cref="ExecutionRouter"/>: the SubmitToEngine step then links each accepted engine order to its
    /// saga and raises the reports stored before the link. Call it in every host that runs the saga against the real
    /// executions hub (the relay routes by these links); the host registers <see cref="Ports.IExecutionStore"/>,
    /// <see cref="Ports.IOrderLinkStore"/> and <see cref="Ports.ISagaEventRaiser"/>.
    /// </summary>
    public static IServiceCollection AddBourseExecutionRouting(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ExecutionRouter>();
        return services;
    }
}
