using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bourse.Domain.Risk;

/// <summary>Registration of the pre-trade risk rules.</summary>
public static class RiskServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="RiskEvaluator"/> with the built-in rules, and the <see cref="RiskRuleSet"/> bound from
    /// section <c>RiskRules</c> of <paramref name="configuration"/>: reloaded when the configuration reloads (the next
    /// evaluation uses it), checked by <see cref="RiskRuleSetValidator"/> at start (<c>ValidateOnStart</c>) and after every
    /// reload. A key that no setting reads is an error. <see cref="TimeProvider.System"/> is registered unless a
    /// <see cref="TimeProvider"/> already is. The ports (<see cref="Ports.ICustomerTransactionHistory"/>,
    /// <see cref="Ports.IAccountExposureSource"/>, <see cref="Ports.IReferencePriceSource"/>) are the adapters' to register.
    /// </summary>
    public static IServiceCollection AddBourseRiskRules(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RiskRuleSet>()
            .Bind(configuration.GetSection(RiskRuleSet.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RiskRuleSet>, RiskRuleSetValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRiskRule, LargeValueRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRiskRule, StructuringRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRiskRule, SanctionsRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRiskRule, JurisdictionRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRiskRule, DailyNotionalLimitRule>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRiskRule, PriceBandRule>());
        services.TryAddSingleton<RiskEvaluator>();
        return services;
    }
}
