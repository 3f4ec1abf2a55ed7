using Bourse.BackOfficeApi.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Bourse.BackOfficeApi.Security;
using Bourse.BackOfficeApi.Units;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi.Hosting;

/// <summary>Registers the API for a host.</summary>
public static class BackOfficeApiServiceCollectionExtensions
{
    /// <summary>
    /// What every host needs (the Functions app, the local host): <see cref="BackOfficeApiHandlers"/> and
    /// <see cref="RegulatoryReportHandlers"/>, the options
    /// (section <see cref="BackOfficeApiOptions.SectionName"/>), the per-client limiter, the <see cref="BackOfficeGate"/>,
    /// and the units (section <see cref="UnitMapOptions.SectionName"/>: the map, the router, the health board and the
    /// HTTP client they forward and probe with).
    /// The host registers the ports (<c>AddBourseAdapters</c>) and, outside Functions, the <c>DurableTaskClient</c>.
    /// </summary>
    public static IServiceCollection AddBourseBackOfficeApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BackOfficeApiOptions>().Bind(configuration.GetSection(BackOfficeApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BackOfficeRateLimitOptions>().Bind(configuration.GetSection(BackOfficeRateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.ReplenishmentPeriod > TimeSpan.Zero, "BackOfficeApi:RateLimit:ReplenishmentPeriod must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<BackOfficeApiHandlers>();
        services.TryAddSingleton<RegulatoryReportHandlers>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => BackOfficeRateLimiter.Create(sp.GetRequiredService<IOptions<BackOfficeRateLimitOptions>>().Value));
        services.TryAddSingleton<BackOfficeGate>();
        services.AddBourseUnits(configuration);
        return services;
    }

    private static void AddBourseUnits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UnitMapOptions>().Bind(configuration.GetSection(UnitMapOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UnitMapOptions>, UnitMapOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new UnitMap(sp.GetRequiredService<IOptions<UnitMapOptions>>().Value));
        services.TryAddSingleton<UnitRouter>();
        services.TryAddSingleton<UnitHealthBoard>();
        services.AddHttpClient(UnitHeaders.HttpClientName)
            // The router relays the home unit's answers as they are (a redirect included) and times each call itself.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// <see cref="AddBourseBackOfficeApi"/> plus what an ASP.NET Core host puts in front of it (the local host): the API
    /// key scheme (clients in section <c>BackOfficeApi:ApiKeys</c>, header <c>BackOfficeApi:ApiKeyHeader</c>), one
    /// authorization policy per operation (<see cref="BackOfficeAccess"/>), and the per-client limiter as the global
    /// rate limiter with 429 and <c>Retry-After</c>.
    /// </summary>
    public static IServiceCollection AddBourseBackOfficeApiWithApiKeys(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddBourseBackOfficeApi(configuration);
        services.AddAuthentication(ApiKeyAuthenticationOptions.SchemeName)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationOptions.SchemeName, o =>
            {
                var section = configuration.GetSection(BackOfficeApiOptions.SectionName);
                if (section["ApiKeyHeader"] is { Length: > 0 } header)
                {
                    o.HeaderName = header;
                }

                section.GetSection("ApiKeys").Bind(o.Clients);
            });
        services.AddAuthorization(o => o.AddBackOfficePolicies());
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<PartitionedRateLimiterHolder, IOptions<BackOfficeRateLimitOptions>>((o, holder, limits) =>
            {
                o.GlobalLimiter = holder.Limiter;
                o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                o.OnRejected = (rejected, _) =>
                    new ValueTask(BackOfficeRateLimiter.TooManyRequests(rejected.Lease, limits.Value.ReplenishmentPeriod).ExecuteAsync(rejected.HttpContext));
            });
        services.TryAddSingleton<PartitionedRateLimiterHolder>();
        return services;
    }

    /// <summary>Runs the scheduled reconciliation on the NCRONTAB schedule of setting
    /// <see cref="ReconciliationSchedule.SettingName"/>, the one the Functions timer reads (a host without Functions timers;
    /// needs <see cref="AddBourseBackOfficeApi"/> and a <c>DurableTaskClient</c>).</summary>
    public static IServiceCollection AddBourseReconciliationTimer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new ReconciliationSchedule(configuration[ReconciliationSchedule.SettingName]));
        services.AddHostedService<ReconciliationTimerService>();
        return services;
    }

    /// <summary>
    /// Files the scheduled regulatory reports in a host without Functions timers (the local host), on the NCRONTAB
    /// schedule of setting <see cref="RegulatoryReportSchedule.SettingName"/> (the one the Functions timer reads).
    /// </summary>
    public static IServiceCollection AddBourseRegulatoryReportTimer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new RegulatoryReportSchedule(configuration[RegulatoryReportSchedule.SettingName]));
        services.AddHostedService<RegulatoryReportTimerService>();
        return services;
    }

    /// <summary>Hands the one limiter of the container to the rate-limiting options (an options delegate takes services
    /// by type, and the limiter's generic type alone would read as any limiter).</summary>
    internal sealed class PartitionedRateLimiterHolder(System.Threading.RateLimiting.PartitionedRateLimiter<HttpContext> limiter)
    {
        public System.Threading.RateLimiting.PartitionedRateLimiter<HttpContext> Limiter { get; } = limiter;
    }
}
