using Bourse.DurableTaskLocal;

namespace Bourse.LocalHost.Hosting;

/// <summary>The Durable Task backend of the local host: section <c>DurableTask</c>.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "DurableTask";

    /// <summary>The Azure Storage account of the task hub (Azurite locally).</summary>
    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The task hub: its queues, tables and blobs share this prefix, so two hubs never see each other's work.</summary>
    public string TaskHub { get; set; } = "bourse";

    /// <summary>The loopback port of the sidecar's gRPC endpoint, which the worker and every client use. Fixed (not 0),
    /// so that clients in other processes (the load harness, the tests) find it again after a restart.</summary>
    public int SidecarPort { get; set; } = 4001;

    /// <summary>The sidecar's Azure Storage provider settings (section <c>DurableTask:Sidecar</c>). Locally an idle queue
    /// is polled every 200 ms at most: each saga step waits for a poll when the host is quiet.</summary>
    public DurableTaskSidecarOptions Sidecar { get; } = new() { MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200) };

    /// <summary>How many orchestration work items the worker runs at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>How many activity work items the worker runs at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 100;
}
