using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Bourse.EngineHost.Publishing;

/// <summary>The Polly pipeline every send (and batch creation) of the publisher goes through.</summary>
/// <remarks>
/// Outer retry, inner per-attempt timeout. Retries never give up on their own (the journal holds the events and
/// matching does not wait for them): transient failures back off exponentially with jitter up to
/// <see cref="EventHubsPublisherOptions.MaxRetryDelay"/>; non-transient ones wait
/// <see cref="EventHubsPublisherOptions.NonTransientRetryDelay"/> between attempts; only
/// <see cref="PublishFailureKind.Stop"/> ends them (see <see cref="PublishFailures"/>).
/// </remarks>
internal static partial class PublishResilience
{
    /// <summary>The name of the <see cref="ResilienceContext"/> property holding the hub of the attempt, for telemetry.</summary>
    internal static readonly ResiliencePropertyKey<string> HubKey = new("bourse.hub");

    public static ResiliencePipeline Create(EventHubsPublisherOptions options, PublishingTelemetry telemetry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(logger);
        var nonTransientDelay = options.NonTransientRetryDelay;
        return new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && PublishFailures.Classify(e, args.Context.CancellationToken) != PublishFailureKind.Stop),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && PublishFailures.Classify(e, args.Context.CancellationToken) == PublishFailureKind.NonTransient
                        ? nonTransientDelay
                        : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var exception = args.Outcome.Exception!;
                    var hub = args.Context.Properties.GetValue(HubKey, "?");
                    var transient = PublishFailures.Classify(exception, args.Context.CancellationToken) == PublishFailureKind.Transient;
                    var errorType = PublishFailures.ErrorType(exception);
                    telemetry.Failed(hub, errorType, transient);
                    if (transient)
                    {
                        LogTransientFailure(logger, hub, args.AttemptNumber + 1, errorType, args.RetryDelay, exception);
                    }
                    else
                    {
                        LogNonTransientFailure(logger, hub, args.AttemptNumber + 1, errorType, args.RetryDelay, exception);
                    }

                    return default;
                },
            })
            .AddTimeout(options.TryTimeout)
            .Build();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Send to {Hub} failed (attempt {Attempt}, {ErrorType}); retrying in {Delay}.")]
    private static partial void LogTransientFailure(ILogger logger, string hub, int attempt, string errorType, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Send to {Hub} failed with a non-transient error (attempt {Attempt}, {ErrorType}); publishing is stalled until it is fixed, retrying in {Delay}. Matching goes on; the events wait in the journal.")]
    private static partial void LogNonTransientFailure(ILogger logger, string hub, int attempt, string errorType, TimeSpan delay, Exception exception);
}
