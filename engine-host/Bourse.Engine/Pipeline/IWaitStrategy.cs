namespace Bourse.Engine.Pipeline;

/// <summary>
/// How a consumer waits for a sequence to become available: the trade between latency and the CPU burnt while idle.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="BusySpinWaitStrategy"/>: lowest latency; burns its core. Only with a core per consumer thread.</item>
/// <item><see cref="YieldingWaitStrategy"/>: spins, then yields the core to other ready threads between checks.</item>
/// <item><see cref="BlockingWaitStrategy"/>: sleeps on a monitor; costs the producer a fence per publish and a lock when someone sleeps.</item>
/// </list>
/// Implementations must not allocate on the wait path and must call <see cref="SequenceBarrier.CheckAlert"/> while they wait.
/// </remarks>
public interface IWaitStrategy
{
    /// <summary>
    /// Whether consumers can sleep, so that the producer must call <see cref="SignalAllWhenBlocking"/> after publishing.
    /// Read once when the ring is built, so that spinning strategies cost the producer nothing.
    /// </summary>
    bool IsBlockingStrategy { get; }

    /// <summary>
    /// Waits until <see cref="SequenceBarrier.DependentSequence"/> reaches <paramref name="sequence"/>, then returns it
    /// (the highest available sequence, which may be well past <paramref name="sequence"/>: the caller's batch).
    /// </summary>
    /// <param name="sequence">The sequence the consumer needs next.</param>
    /// <param name="barrier">The barrier being waited on: its cursor, its dependent sequences and its alert flag.</param>
    /// <returns>The highest available sequence; at least <paramref name="sequence"/>.</returns>
    /// <exception cref="AlertException">The barrier was alerted while waiting.</exception>
    long WaitFor(long sequence, SequenceBarrier barrier);

    /// <summary>Wakes every consumer sleeping in <see cref="WaitFor"/> so it re-reads the cursor (and the alert flag).</summary>
    void SignalAllWhenBlocking();
}
