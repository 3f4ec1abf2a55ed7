using Azure.Messaging.EventHubs;

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
