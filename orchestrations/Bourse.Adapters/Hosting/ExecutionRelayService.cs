using Azure.Storage.Blobs;
using Bourse.Adapters.EventHubs;
using Bourse.Orchestrations.Executions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bourse.Adapters.Hosting;

/// <summary>Runs the <see cref="ExecutionRelay"/> for the host's lifetime: executions hub → executions store → sagas, with
/// its checkpoints in a blob container (created at start if missing).</summary>
internal sealed class ExecutionRelayService(
    IOptions<BackOfficeEventHubsOptions> eventHubs, IOptions<CheckpointStorageOptions> storage, IOptions<ExecutionRelayOptions> relayOptions,
    ExecutionRouter router, ExecutionRelayMetrics metrics, TimeProvider timeProvider, ILogger<ExecutionRelay> logger) : IHostedService
{
    private ExecutionRelay? _relay;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var container = new BlobContainerClient(storage.Value.ConnectionString, storage.Value.CheckpointContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var options = relayOptions.Value;
        options.EventHubName = eventHubs.Value.ExecutionsHub;
        options.ConsumerGroup = eventHubs.Value.ConsumerGroup;
        _relay = new ExecutionRelay(new BlobCheckpointStore(container), eventHubs.Value.ConnectionString!, options, router, metrics, timeProvider, logger);
        await _relay.StartProcessingAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_relay is not null)
        {
            await _relay.StopProcessingAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
