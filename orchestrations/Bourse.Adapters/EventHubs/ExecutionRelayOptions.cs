using Azure.Messaging.EventHubs.Primitives;

namespace Bourse.Adapters.EventHubs;

/// <summary>The execution relay's settings.</summary>
public sealed class ExecutionRelayOptions
{
    /// <summary>The hub.</summary>
    /// <value>The default value is <c>executions</c>.</value>
    public string EventHubName { get; set; } = "executions";

    /// <summary>The consumer group.</summary>
    /// <value>The default value is <c>$Default</c>.</value>
    public string ConsumerGroup { get; set; } = "$Default";

    /// <summary>The most events handed over in one batch (one checkpoint per batch).</summary>
    /// <value>The default value is 100.</value>
    public int BatchSize { get; set; } = 100;

    /// <summary>Retries of one report's store-and-route before the partition stops at it.</summary>
    /// <value>The default value is <see cref="int.MaxValue"/>: a partition waits for the store and the Durable Task backend
    /// to come back rather than skip a report.</value>
    public int MaxRouteRetries { get; set; } = int.MaxValue;

    /// <summary>The first retry's delay (exponential with jitter, at most <see cref="MaxRetryDelay"/>).</summary>
    /// <value>The default value is 200 ms.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between retries.</summary>
    /// <value>The default value is 30 s.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The processor's own options (load balancing, waits, prefetch).</summary>
    public EventProcessorOptions Processor { get; set; } = new();
}
