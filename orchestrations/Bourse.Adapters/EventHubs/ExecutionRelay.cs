using System.Collections.Concurrent;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Bourse.Orchestrations.Executions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace Bourse.Adapters.EventHubs;

/// <summary>
/// Consumes the executions hub and gets each report to its saga: decode (<see cref="ExecutionReportDecoder"/>), then
/// <see cref="ExecutionRouter.RouteAsync"/> (store, then read the link, then raise), then checkpoint
/// (<see cref="BlobCheckpointStore"/> or any <see cref="CheckpointStore"/>).
/// </summary>
/// <remarks>
/// <para><b>At least once, in order per partition.</b> A batch is checkpointed after its last event was stored and routed;
/// each report's store-and-route is retried (<see cref="ExecutionRelayOptions.MaxRouteRetries"/>, exponential back-off). If
/// the retries run out, the partition is checkpointed up to the event before and then stops taking events until this
/// relay claims it again (a restart, or a rebalance): the failed report is read again from the checkpoint, never skipped.
/// Redeliveries are harmless: the store keeps one document per (instrument, sequence) and the saga drops reports it saw.</para>
/// <para><b>Malformed events</b> (<see cref="MalformedExecutionReport"/>) are counted, logged and skipped: they never stop a
/// partition, and the checkpoint moves past them.</para>
/// <para><b>Sagas that are gone</b>: a report of a finished or unknown saga is stored and counted, not retried.</para>
/// </remarks>
public class ExecutionRelay : PluggableCheckpointStoreEventProcessor<EventProcessorPartition>
{
    private readonly ExecutionRouter _router;
    private readonly ExecutionRelayMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly ConcurrentDictionary<string, bool> _stopped = new(StringComparer.Ordinal);

    /// <summary>A relay reading <paramref name="options"/>' hub at <paramref name="connectionString"/>.</summary>
    public ExecutionRelay(
        CheckpointStore checkpointStore, string connectionString, ExecutionRelayOptions options, ExecutionRouter router, ExecutionRelayMetrics metrics,
        TimeProvider? timeProvider = null, ILogger<ExecutionRelay>? logger = null)
        : base(checkpointStore, (options ?? throw new ArgumentNullException(nameof(options))).BatchSize, options.ConsumerGroup, connectionString, options.EventHubName, options.Processor)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(metrics);
        _router = router;
        _metrics = metrics;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _retry = new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRouteRetries,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                OnRetry = args =>
                {
                    RelayLog.RouteRetry(_logger, args.AttemptNumber, args.Outcome.Exception);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Raised for each malformed event skipped (for operations tooling; the metric counts them too).</summary>
    public event EventHandler<MalformedExecutionReport>? MalformedReportSkipped;

    /// <inheritdoc/>
    protected override Task OnInitializingPartitionAsync(EventProcessorPartition partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        // Claimed again: reading restarts from the checkpoint, so a report the partition stopped at is read again.
        _stopped.TryRemove(partition.PartitionId, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override async Task OnProcessingEventBatchAsync(IEnumerable<EventData> events, EventProcessorPartition partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(partition);
        if (_stopped.ContainsKey(partition.PartitionId))
        {
            return;
        }

        EventData? done = null;
        foreach (var data in events)
        {
            _metrics.Received.Add(1);
            var (execution, error) = ExecutionReportDecoder.Decode(data, _timeProvider.GetUtcNow());
            if (error is not null)
            {
                _metrics.Malformed.Add(1);
                RelayLog.Malformed(_logger, partition.PartitionId, data.SequenceNumber, error.Reason, error.Detail);
                MalformedReportSkipped?.Invoke(this, error);
                done = data;
                continue;
            }

            RouteResult result;
            try
            {
                result = await _retry.ExecuteAsync(async ct => await _router.RouteAsync(execution!, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _metrics.Failures.Add(1);
                _stopped[partition.PartitionId] = true;
                RelayLog.PartitionStopped(_logger, partition.PartitionId, data.SequenceNumber, e);
                break;
            }

            Count(result);
            done = data;
        }

        if (done is not null)
        {
            await UpdateCheckpointAsync(partition.PartitionId, CheckpointPosition.FromEvent(done), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    protected override Task OnProcessingErrorAsync(Exception exception, EventProcessorPartition partition, string operationDescription, CancellationToken cancellationToken)
    {
        RelayLog.ProcessorError(_logger, partition?.PartitionId, operationDescription, exception);
        return Task.CompletedTask;
    }

    private void Count(RouteResult result)
    {
        if (!result.Stored)
        {
            _metrics.Duplicates.Add(1);
        }

        (result.Outcome switch
        {
            RouteOutcome.Routed => _metrics.Routed,
            RouteOutcome.Unlinked => _metrics.Unlinked,
            _ => _metrics.SagaNotRunning,
        }).Add(1);
    }
}

internal static partial class RelayLog
{
    [LoggerMessage(1, LogLevel.Warning, "Malformed execution report skipped: partition {Partition}, sequence number {SequenceNumber}, {Reason}: {Detail}")]
    public static partial void Malformed(ILogger logger, string partition, long sequenceNumber, MalformedReportReason reason, string detail);

    [LoggerMessage(2, LogLevel.Warning, "Store and route failed (attempt {Attempt}); retrying")]
    public static partial void RouteRetry(ILogger logger, int attempt, Exception? exception);

    [LoggerMessage(3, LogLevel.Error, "Partition {Partition} stopped before sequence number {SequenceNumber}: store and route failed after the retries; it resumes from its checkpoint when claimed again")]
    public static partial void PartitionStopped(ILogger logger, string partition, long sequenceNumber, Exception exception);

    [LoggerMessage(4, LogLevel.Error, "Event processor error in partition {Partition} during {Operation}")]
    public static partial void ProcessorError(ILogger logger, string? partition, string operation, Exception exception);
}
