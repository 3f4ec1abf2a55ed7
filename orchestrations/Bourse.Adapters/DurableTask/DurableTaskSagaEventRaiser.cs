using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Grpc.Core;
using Microsoft.DurableTask.Client;
using Polly;
using Polly.Retry;

namespace Bourse.Adapters.DurableTask;

/// <summary>
/// The saga's event port on the Durable Task client: looks the instance up, and raises
/// <see cref="SagaEvents.ExecutionReport"/> only to one that can still take it. Calls are retried (Polly: exponential
/// back-off with jitter) on the transient gRPC statuses; raising is safe to repeat because the saga drops duplicates.
/// </summary>
/// <remarks>An instance that finishes between the look-up and the raise loses the event, which is what a finished saga
/// would do with it anyway; reconciliation reports a fill that no saga cleared.</remarks>
public sealed class DurableTaskSagaEventRaiser : ISagaEventRaiser
{
    private readonly DurableTaskClient _client;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>A raiser on <paramref name="client"/>, with <paramref name="maxRetryAttempts"/> retries from <paramref name="retryDelay"/>.</summary>
    public DurableTaskSagaEventRaiser(DurableTaskClient client, int maxRetryAttempts = 5, TimeSpan? retryDelay = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxRetryAttempts,
                Delay = retryDelay ?? TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => IsTransient(e.StatusCode)).Handle<HttpRequestException>(),
            })
            .Build();
    }

    /// <inheritdoc/>
    public async ValueTask<SagaInstanceState> GetStateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var metadata = await _pipeline.ExecuteAsync(
            async ct => await _client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return metadata switch
        {
            null => SagaInstanceState.Unknown,
            { IsCompleted: true } => SagaInstanceState.Finished,
            _ => SagaInstanceState.Running,
        };
    }

    /// <inheritdoc/>
    public async ValueTask<SagaInstanceState> RaiseExecutionReportAsync(string instanceId, ExecutionReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var state = await GetStateAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (state != SagaInstanceState.Running)
        {
            return state;
        }

        try
        {
            await _pipeline.ExecuteAsync(
                async ct => await _client.RaiseEventAsync(instanceId, SagaEvents.ExecutionReport, report, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return SagaInstanceState.Running;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound)
        {
            return SagaInstanceState.Unknown; // purged between the look-up and the raise
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.FailedPrecondition)
        {
            return SagaInstanceState.Finished; // finished between the look-up and the raise
        }
    }

    private static bool IsTransient(StatusCode status) =>
        status is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Internal;
}
