using Azure.Messaging.EventHubs;
using Polly.Timeout;

namespace Bourse.EngineHost.Publishing;

/// <summary>How the publisher classifies a failed send.</summary>
internal enum PublishFailureKind
{
    /// <summary>Retried with exponential backoff and jitter: <see cref="EventHubsException.IsTransient"/>, timeouts.</summary>
    Transient,

    /// <summary>
    /// Retried after <see cref="EventHubsPublisherOptions.NonTransientRetryDelay"/>, logged as an error each time:
    /// a hub not found, access denied, anything unexpected. An operator fixes these without a restart.
    /// </summary>
    NonTransient,

    /// <summary>Not retried; the publisher stops: it is shutting down (cancelled, client closed or disposed).</summary>
    Stop,
}

/// <summary>Classifies send failures (see <see cref="PublishFailureKind"/>).</summary>
internal static class PublishFailures
{
    public static PublishFailureKind Classify(Exception exception, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            OperationCanceledException when stopping.IsCancellationRequested => PublishFailureKind.Stop,
            ObjectDisposedException => PublishFailureKind.Stop,
            EventHubsException { Reason: EventHubsException.FailureReason.ClientClosed } => PublishFailureKind.Stop,
            EventHubsException { IsTransient: true } => PublishFailureKind.Transient,
            TimeoutRejectedException or TimeoutException => PublishFailureKind.Transient,
            // Cancelled, but not by us: an attempt the client or the transport gave up on.
            OperationCanceledException => PublishFailureKind.Transient,
            _ => PublishFailureKind.NonTransient,
        };
    }

    /// <summary>A short, bounded name for the failure, for the metric's <c>error.type</c> tag and logs.</summary>
    public static string ErrorType(Exception exception) => exception switch
    {
        EventHubsException e => e.Reason.ToString(),
        _ => exception.GetType().Name,
    };
}
