namespace Bourse.Engine.Pipeline;

/// <summary>
/// Spins a little, then yields the core to other ready threads between checks: near busy-spin latency when events
/// keep coming, without starving the producer when there are more busy threads than cores.
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    /// <summary>
    /// Checks before the first yield. The default value is 100: about a microsecond, the gap between back-to-back
    /// events from a busy producer, and short next to an OS time slice.
    /// </summary>
    private const int SpinTries = 100;

    public bool IsBlockingStrategy => false;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        ArgumentNullException.ThrowIfNull(barrier);
        var counter = SpinTries;
        long available;
        while ((available = barrier.DependentSequence) < sequence)
        {
            barrier.CheckAlert();
            if (counter > 0)
            {
                counter--;
            }
            else
            {
                Thread.Yield();
            }
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
