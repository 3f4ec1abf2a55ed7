using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bourse.Adapters.Hosting;

/// <summary>
/// Creates the database and every registered <see cref="CosmosContainerSpec"/> when the host starts, if
/// <see cref="CosmosStoreOptions.CreateIfNotExists"/> is set (local mode). It is a hosted service registered before the
/// Durable Task worker and the execution relay, so that nothing writes before the containers exist.
/// </summary>
internal sealed partial class CosmosStoreInitializer(
    CosmosClient client, IOptions<CosmosStoreOptions> options, IEnumerable<CosmosContainerSpec> containers, ILogger<CosmosStoreInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.CreateIfNotExists)
        {
            return;
        }

        var database = (await client.CreateDatabaseIfNotExistsAsync(settings.Database, cancellationToken: cancellationToken).ConfigureAwait(false)).Database;
        var created = 0;
        foreach (var container in containers.DistinctBy(c => c.Name))
        {
            await database.CreateContainerIfNotExistsAsync(container.Name, container.PartitionKeyPath, cancellationToken: cancellationToken).ConfigureAwait(false);
            created++;
        }

        LogReady(logger, settings.Database, created);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Cosmos DB database {Database} ready with {Count} containers")]
    private static partial void LogReady(ILogger logger, string database, int count);
}
