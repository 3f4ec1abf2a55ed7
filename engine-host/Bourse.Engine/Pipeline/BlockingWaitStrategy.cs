namespace Bourse.Engine.Pipeline;

/// <summary>
/// Sleeps on a monitor until the producer publishes: no CPU while idle, microseconds of wake-up latency. For
/// consumers off the latency path (journal flush, publishing to Event Hubs) and for machines without spare cores.
/// </summary>
/// <remarks>
/// <para>
/// The producer takes the lock only when a consumer is asleep (<see cref="SignalAllWhenBlocking"/> checks a waiter
/// count first), so a busy pipeline pays one fence per publish, not a lock.
/// </para>
/// <para>
/// Why no wake-up is lost: the consumer increments the waiter count (an interlocked write, a full fence) and then
/// reads the cursor; the producer writes the cursor, then fences, then reads the waiter count. With a full fence
/// between the write and the read on both sides, at least one of them sees the other's write: either the consumer
/// sees the new cursor and does not sleep, or the producer sees the waiter and pulses — and it can only take the lock
/// once the consumer is inside <see cref="Monitor.Wait(object)"/>, so the pulse reaches it. The same holds for
/// <see cref="SequenceBarrier.Alert"/>, which writes the alert flag and then signals.
/// </para>
/// <para>
/// Only the ring's cursor is waited for under the lock. A later stage then spins (yielding) for the consumers it is
/// gated on, which do not signal; those are normally close behind the cursor.
/// </para>
/// </remarks>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    // A plain object, not System.Threading.Lock: Monitor.Wait and PulseAll need a monitor.
    private readonly object _gate = new();

    // Consumers inside WaitFor's locked section. Written with interlocked operations, read after a full fence.
    private int _waiters;

    public bool IsBlockingStrategy => true;

    public long WaitFor(long sequence, SequenceBarrier barrier)
    {
        ArgumentNullException.ThrowIfNull(barrier);
        if (barrier.Cursor < sequence)
        {
            lock (_gate)
            {
                Interlocked.Increment(ref _waiters);
                try
                {
                    while (barrier.Cursor < sequence)
                    {
                        barrier.CheckAlert();
                        Monitor.Wait(_gate);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _waiters);
                }
            }
        }

        var spin = default(SpinWait);
        long available;
        while ((available = barrier.DependentSequence) < sequence)
        {
            barrier.CheckAlert();
            spin.SpinOnce(sleep1Threshold: -1);
        }

        return available;
    }

    public void SignalAllWhenBlocking()
    {
        // The fence orders the caller's earlier write (the cursor, or the alert flag) before the read of _waiters.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _waiters) != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }
}
