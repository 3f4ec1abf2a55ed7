using Bourse.Domain.Risk.Ports;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// Registers the Cosmos DB adapters of reference data and order activity against the <see cref="CosmosClient"/> the host
/// registered, and creates their containers (<see cref="EnsureBourseCosmosContainersAsync"/>).
/// </summary>
public static class CosmosAdaptersServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CosmosReferenceData"/> (singleton) as <see cref="IReferenceData"/> and
    /// <see cref="IReferencePriceSource"/>, in container <see cref="CosmosReferenceDataOptions.Container"/> of database
    /// <see cref="CosmosAdapterOptions.DatabaseName"/>. Needs a <see cref="CosmosClient"/> in the container; uses its
    /// <see cref="TimeProvider"/> when there is one. Ports already registered are left as they are.
    /// </summary>
    public static IServiceCollection AddBourseCosmosReferenceData(this IServiceCollection services, Action<CosmosReferenceDataOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        Configure(services, configure);
        services.TryAddSingleton(provider =>
        {
            CosmosReferenceDataOptions options = provider.GetRequiredService<IOptions<CosmosReferenceDataOptions>>().Value;
            return new CosmosReferenceData(ContainerOf(provider, options.DatabaseName, options.Container), options, provider.GetService<TimeProvider>());
        });
        services.TryAddSingleton<IReferenceData>(provider => provider.GetRequiredService<CosmosReferenceData>());
        services.TryAddSingleton<IReferencePriceSource>(provider => provider.GetRequiredService<CosmosReferenceData>());
        services.AddSingleton(new ContainerSetup(async (client, provider, cancellationToken) =>
        {
            CosmosReferenceDataOptions options = provider.GetRequiredService<IOptions<CosmosReferenceDataOptions>>().Value;
            Database database = await client.CreateDatabaseIfNotExistsAsync(options.DatabaseName, cancellationToken: cancellationToken).ConfigureAwait(false);
            await CosmosReferenceData.CreateContainerIfNotExistsAsync(database, options, cancellationToken).ConfigureAwait(false);
        }));
        return services;
    }

    /// <summary>
    /// Registers <see cref="CosmosOrderActivity"/> (singleton) as <see cref="IOrderActivityLog"/>,
    /// <see cref="ICustomerTransactionHistory"/> and <see cref="IAccountExposureSource"/>, in container
    /// <see cref="CosmosOrderActivityOptions.Container"/>. Needs a <see cref="CosmosClient"/> and an <see cref="IReferenceData"/>
    /// (the account register: whose customer an account is) in the container. Ports already registered are left as they are.
    /// </summary>
    public static IServiceCollection AddBourseCosmosOrderActivity(this IServiceCollection services, Action<CosmosOrderActivityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        Configure(services, configure);
        services.TryAddSingleton(provider =>
        {
            CosmosOrderActivityOptions options = provider.GetRequiredService<IOptions<CosmosOrderActivityOptions>>().Value;
            return new CosmosOrderActivity(
                ContainerOf(provider, options.DatabaseName, options.Container), provider.GetRequiredService<IReferenceData>(), options, provider.GetService<TimeProvider>());
        });
        services.TryAddSingleton<IOrderActivityLog>(provider => provider.GetRequiredService<CosmosOrderActivity>());
        services.TryAddSingleton<ICustomerTransactionHistory>(provider => provider.GetRequiredService<CosmosOrderActivity>());
        services.TryAddSingleton<IAccountExposureSource>(provider => provider.GetRequiredService<CosmosOrderActivity>());
        services.AddSingleton(new ContainerSetup(async (client, provider, cancellationToken) =>
        {
            CosmosOrderActivityOptions options = provider.GetRequiredService<IOptions<CosmosOrderActivityOptions>>().Value;
            Database database = await client.CreateDatabaseIfNotExistsAsync(options.DatabaseName, cancellationToken: cancellationToken).ConfigureAwait(false);
            await CosmosOrderActivity.CreateContainerIfNotExistsAsync(database, options, cancellationToken).ConfigureAwait(false);
        }));
        return services;
    }

    /// <summary>
    /// Creates the database and the containers of every adapter registered by this class's methods, where they do not
    /// exist (the local run calls it at start; in Azure the infrastructure templates create them).
    /// </summary>
    public static async Task EnsureBourseCosmosContainersAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        CosmosClient client = services.GetRequiredService<CosmosClient>();
        foreach (ContainerSetup setup in services.GetServices<ContainerSetup>())
        {
            await setup.CreateAsync(client, services, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Configure<TOptions>(IServiceCollection services, Action<TOptions>? configure)
        where TOptions : CosmosAdapterOptions
    {
        services.AddOptions<TOptions>().Validate(
            options =>
            {
                options.Validate();
                return true;
            });
        if (configure is not null)
        {
            services.Configure(configure);
        }
    }

    private static Container ContainerOf(IServiceProvider provider, string databaseName, string containerName) =>
        provider.GetRequiredService<CosmosClient>().GetContainer(databaseName, containerName);

    /// <summary>How one registered adapter's containers are created.</summary>
    internal sealed record ContainerSetup(Func<CosmosClient, IServiceProvider, CancellationToken, Task> CreateAsync);
}
