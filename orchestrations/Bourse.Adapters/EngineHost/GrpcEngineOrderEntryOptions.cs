namespace Bourse.Adapters.EngineHost;

/// <summary>The resilience of <see cref="GrpcEngineOrderEntry"/>.</summary>
public sealed class GrpcEngineOrderEntryOptions
{
    /// <summary>How long one attempt may take. The default value is 2 seconds (the host answers once journalled).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after the first attempt. The default value is 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay, doubled (with jitter) each time. The default value is 100 milliseconds.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Calls in 10 s before the breaker may open (at half failing). The default value is 10.</summary>
    public int CircuitMinimumThroughput { get; set; } = 10;

    /// <summary>How long the breaker stays open. The default value is 5 seconds.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
