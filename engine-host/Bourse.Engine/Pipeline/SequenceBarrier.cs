using System.Runtime.CompilerServices;

namespace Bourse.Engine.Pipeline;

/// <summary>
/// What a consumer waits on: the ring's cursor and, for a later stage, the sequences of the consumers it must stay
/// behind. Made by <see cref="RingBuffer.NewBarrier"/>; one per consumer, because alerting it stops that consumer.
/// </summary>
/// <remarks>
/// Threading: <see cref="WaitFor"/> is called by the one consumer that owns the barrier; <see cref="Alert"/> may be
/// called from any thread.
/// </remarks>
public sealed class SequenceBarrier
{
    private readonly Sequence _cursor;
    private readonly IWaitStrategy _waitStrategy;

    // The sequences this barrier stays behind: the cursor alone for a first stage, the upstream consumers otherwise.
    private readonly Sequence[] _dependents;

    // Read with acquire and written with release (or a full fence) only.
    private bool _alerted;

    internal SequenceBarrier(Sequence cursor, IWaitStrategy waitStrategy, Sequence[] dependents)
    {
        _cursor = cursor;
        _waitStrategy = waitStrategy;
        _dependents = dependents.Length == 0 ? [cursor] : dependents;
    }

    /// <summary>The ring's cursor: the highest published sequence.</summary>
    public long Cursor
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _cursor.Value;
    }

    /// <summary>
    /// The highest sequence this barrier lets its consumer read: the cursor for a first stage, otherwise the lowest
    /// sequence of the consumers it is gated on (each of which is at or behind the cursor).
    /// </summary>
    public long DependentSequence
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var dependents = _dependents;
            var minimum = dependents[0].Value;
            for (var i = 1; i < dependents.Length; i++)
            {
                minimum = Math.Min(minimum, dependents[i].Value);
            }

            return minimum;
        }
    }

    /// <summary>Whether <see cref="Alert"/> has been called since the last <see cref="ClearAlert"/>.</summary>
    public bool IsAlerted => Volatile.Read(ref _alerted);

    /// <summary>
    /// Waits until <paramref name="sequence"/> is available and returns the highest available sequence, so that the
    /// caller can process everything from <paramref name="sequence"/> to the result as one batch.
    /// </summary>
    /// <returns>The highest available sequence, at least <paramref name="sequence"/>.</returns>
    /// <exception cref="AlertException">
    /// The barrier is alerted, now or while waiting. Checked before the fast path too, so a consumer that never has to
    /// wait still stops.
    /// </exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor(long sequence)
    {
        CheckAlert();
        var available = DependentSequence;
        return available >= sequence ? available : _waitStrategy.WaitFor(sequence, this);
    }

    /// <summary>
    /// Alerts the barrier: <see cref="WaitFor"/> throws <see cref="AlertException"/> until <see cref="ClearAlert"/>,
    /// and a consumer sleeping in a blocking wait is woken to see it.
    /// </summary>
    public void Alert()
    {
        Volatile.Write(ref _alerted, true);
        _waitStrategy.SignalAllWhenBlocking();
    }

    /// <summary>Clears the alert, with a full fence so that reads after it cannot see a state older than the clear.</summary>
    public void ClearAlert() => Interlocked.Exchange(ref _alerted, false);

    /// <summary>Throws <see cref="AlertException"/> if the barrier is alerted. Wait strategies call it while they wait.</summary>
    /// <exception cref="AlertException">The barrier is alerted.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckAlert()
    {
        if (Volatile.Read(ref _alerted))
        {
            ThrowAlert();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAlert() => throw new AlertException();
}
