namespace Bourse.Engine.Pipeline;

/// <summary>
/// Waits by re-reading the sequence in a tight loop: the lowest latency, and a whole core burnt while idle.
/// </summary>
/// <remarks>
/// Use only when each consumer thread has a core to itself (the engine host pins them); with more spinning threads
/// than cores a spinner can hold the core the producer needs. No pause instruction: .NET's <c>Thread.SpinWait</c>
/// normalises a pause to tens of nanoseconds, which is latency this strategy exists to avoid.
/// </remarks>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    public bool IsBlockingStrategy => false;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        ArgumentNullException.ThrowIfNull(barrier);
        long available;
        while ((available = barrier.DependentSequence) < sequence)
        {
            barrier.CheckAlert();
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
