using Bourse.Adapters.Cosmos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bourse.Adapters.Hosting;

/// <summary>
/// Creates the database and every adapter's containers when the host starts, if
/// <see cref="CosmosStoreOptions.CreateIfNotExists"/> is set (local mode). It is a hosted service registered before the
/// Durable Task worker and the execution relay, so that nothing writes before the containers exist.
/// </summary>
internal sealed partial class CosmosStoreInitializer(IServiceProvider services, IOptions<CosmosStoreOptions> options, ILogger<CosmosStoreInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateIfNotExists)
        {
            return;
        }

        await services.EnsureBourseCosmosContainersAsync(cancellationToken).ConfigureAwait(false);
        LogReady(logger, options.Value.Database);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cosmos DB database {Database} and its containers are ready")]
    private static partial void LogReady(ILogger logger, string database);
}
