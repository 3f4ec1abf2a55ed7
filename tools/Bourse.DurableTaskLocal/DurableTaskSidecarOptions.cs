using Microsoft.Extensions.Logging;

namespace Bourse.DurableTaskLocal;

/// <summary>Settings of a <see cref="DurableTaskSidecar"/>'s Azure Storage provider.</summary>
public sealed class DurableTaskSidecarOptions
{
    /// <summary>Control-queue partitions of the task hub; fixed when the hub is created.</summary>
    /// <value>The default value is 2: one machine, a handful of workers at most.</value>
    public int PartitionCount { get; set; } = 2;

    /// <summary>The longest wait between polls of an idle queue.</summary>
    /// <value>The default value is 1 second (the provider's own is 30 s).</value>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a dequeued message stays invisible to other workers (both control and work-item queues): after a
    /// crash, what the dead process had dequeued comes back after this long.</summary>
    /// <value>The default value is 30 seconds (the provider's own is 5 minutes, a long stall after a local crash). A work
    /// item still running when it expires may run again elsewhere: harmless, activities are idempotent and orchestrator
    /// replays deterministic, but keep it well above the slowest activity.</value>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many orchestration work items the provider's dispatcher hands out at once (the worker has its own limit
    /// behind it).</summary>
    /// <value>The default value is 100 (the provider's own).</value>
    public int MaxConcurrentOrchestrationWorkItems { get; set; } = 100;

    /// <summary>How many activity work items the provider's dispatcher hands out at once.</summary>
    /// <value>The default value is 10 (the provider's own). 100 measured no faster on the local stack (bench-sagas, 200
    /// sagas at 100 in flight, 2026-11-27: 1.2/s with 100 and extended sessions vs 1.4/s with 10, inside the noise).</value>
    public int MaxConcurrentActivityWorkItems { get; set; } = 10;

    /// <summary>How long an orchestration stays loaded after an episode, waiting for its next message (an activity's
    /// result); zero turns extended sessions off. A loaded orchestration's next episode needs no history read, and on
    /// Azurite a history read scans the whole history table (its table store has no index), so each one costs more as the
    /// hub grows. A waiting session holds one of <see cref="MaxConcurrentOrchestrationWorkItems"/>.</summary>
    /// <value>The default value is zero (off): with 5 s, 200 sagas at 100 in flight ran no faster (see above), the hub
    /// being small; not measured at thousands of sagas.</value>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>The sidecar logs every request at Information.</summary>
    /// <value>The default value is <see cref="LogLevel.Warning"/>.</value>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;
}
