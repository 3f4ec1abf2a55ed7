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

    /// <summary>The sidecar logs every request at Information.</summary>
    /// <value>The default value is <see cref="LogLevel.Warning"/>.</value>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;
}
