using Bourse.Adapters.Hosting;
using Bourse.BackOfficeApi.Hosting;
using Bourse.Domain.Risk;
using Bourse.Functions.Orchestrations;
using Bourse.Orchestrations.Hosting;
using Bourse.Orchestrations.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bourse.Functions.Hosting;

/// <summary>The Functions app's composition: the same adapters, risk rules, activities and API handlers as the local host.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Registers everything the triggers call. The Durable Task client comes from the <c>[DurableClient]</c>
    /// binding, the orchestrations from the orchestrator and activity functions.</summary>
    public static IServiceCollection AddBourseFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        // Before the adapters (which only try-add theirs): Functions has no DurableTaskClient in the container.
        services.TryAddSingleton<ISagaEventRaiser, InvocationSagaEventRaiser>();
        services.AddBourseAdapters(configuration);
        services.AddBourseRegulatoryReporting(configuration);
        services.AddBourseRiskRules(configuration);
        services.AddBourseOrchestrations();
        services.AddBourseBackOfficeApi(configuration);
        return services;
    }
}
