using Azure.Messaging.EventHubs;
using Polly.Timeout;

namespace Bourse.EngineHost.Publishing;

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
