namespace Bourse.Engine.Pipeline;

/// <summary>
/// A consumer loop: waits on its barrier, hands every available slot to the handler as one batch, then advances its
/// <see cref="Sequence"/>, which releases those slots to the producer (or to the next stage).
/// </summary>
/// <typeparam name="T">The ring's slot type.</typeparam>
/// <typeparam name="THandler">
/// The handler's own type, not <see cref="IEventHandler{T}"/>: for a struct handler the JIT compiles a copy of
/// <see cref="Run"/> for that type, so <see cref="IEventHandler{T}.OnEvent"/> is a direct, inlinable call instead of
/// an interface dispatch per event. A class handler shares one compiled copy and is called through the interface
/// (as it would be with <see cref="IEventHandler{T}"/> as the type argument).
/// </typeparam>
/// <remarks>
/// <para>
/// Threading: <see cref="Run"/> runs the loop on the calling thread — the host gives each processor its own (named,
/// pinned) thread. <see cref="Halt"/> and <see cref="IsRunning"/> may be called from any thread.
/// </para>
/// <para>
/// Nothing is allocated per batch or per event. Halting does not drain the ring: to stop after the last published
/// event, wait until <see cref="Sequence"/> reaches the ring's cursor, then halt.
/// </para>
/// </remarks>
public sealed class BatchEventProcessor<T, THandler>
    where T : struct
    where THandler : IEventHandler<T>
{
    /// <summary>Whether <typeparamref name="THandler"/> has its own OnBatchStart. For a struct handler this is a JIT-time constant.</summary>
    private static readonly bool s_callOnBatchStart = ImplementsOnBatchStart();

    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly Sequence _sequence = new();

    // Not readonly: a struct handler's state changes must land in this field, not in a defensive copy.
    private THandler _handler;

    // 1 while Run executes. Interlocked.
    private int _running;

    // 1 from Halt until Run has stopped. Written with a full fence before the barrier is alerted.
    private int _haltRequested;

    /// <param name="ring">The ring to read slots from.</param>
    /// <param name="barrier">This processor's own barrier (from <paramref name="ring"/>'s <see cref="RingBuffer.NewBarrier"/>): <see cref="Halt"/> alerts it.</param>
    /// <param name="handler">The handler.</param>
    public BatchEventProcessor(RingBuffer<T> ring, SequenceBarrier barrier, THandler handler)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(barrier);
        ArgumentNullException.ThrowIfNull(handler);
        _ring = ring;
        _barrier = barrier;
        _handler = handler;
    }

    /// <summary>
    /// The last sequence this processor has finished with (-1 before the first). Gate the producer on it with
    /// <see cref="RingBuffer.AddGatingSequences"/>, and later stages with <see cref="RingBuffer.NewBarrier"/>.
    /// </summary>
    public Sequence Sequence => _sequence;

    /// <summary>Whether <see cref="Run"/> is executing (it may still be finishing its batch just after <see cref="Halt"/>).</summary>
    public bool IsRunning => Volatile.Read(ref _running) != 0;

    /// <summary>
    /// Processes batches on the calling thread until <see cref="Halt"/>. Returns at once if halted before it started.
    /// Resumes after the last sequence processed, so it may be run again after it returns.
    /// </summary>
    /// <remarks>
    /// An exception from the handler propagates out of <see cref="Run"/>; <see cref="Sequence"/> then still points
    /// at the end of the previous batch, so a re-run delivers the failed batch again from its first slot.
    /// </remarks>
    /// <exception cref="InvalidOperationException"><see cref="Run"/> is already executing on another thread.</exception>
    public void Run()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            throw new InvalidOperationException("The processor is already running.");
        }

        try
        {
            // ClearAlert is a full fence, so the halt check below cannot read a state older than the clear:
            // either Halt's flag is seen here, or Halt's alert comes after the clear and WaitFor throws.
            _barrier.ClearAlert();
            var nextSequence = _sequence.Value + 1;
            while (Volatile.Read(ref _haltRequested) == 0)
            {
                try
                {
                    var availableSequence = _barrier.WaitFor(nextSequence);
                    if (s_callOnBatchStart)
                    {
                        _handler.OnBatchStart(availableSequence - nextSequence + 1);
                    }

                    for (; nextSequence <= availableSequence; nextSequence++)
                    {
                        _handler.OnEvent(ref _ring[nextSequence], nextSequence, nextSequence == availableSequence);
                    }

                    _sequence.SetValue(availableSequence);
                }
                catch (AlertException)
                {
                    // Halt sets its flag before alerting, so an alert with no flag came from someone else: clear it
                    // and carry on. With the flag set, the loop condition ends the run.
                    if (Volatile.Read(ref _haltRequested) == 0)
                    {
                        _barrier.ClearAlert();
                    }
                }
            }
        }
        finally
        {
            Volatile.Write(ref _haltRequested, 0);
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// Asks <see cref="Run"/> to stop after the batch in hand and wakes it if it is waiting. Returns without waiting for
    /// it: join the thread (or poll <see cref="IsRunning"/>) to know it has stopped.
    /// </summary>
    public void Halt()
    {
        Interlocked.Exchange(ref _haltRequested, 1);
        _barrier.Alert();
    }

    private static bool ImplementsOnBatchStart()
    {
        // A class handler is called through the interface anyway; the empty default costs one call per batch.
        if (!typeof(THandler).IsValueType)
        {
            return true;
        }

        var map = typeof(THandler).GetInterfaceMap(typeof(IEventHandler<T>));
        for (var i = 0; i < map.InterfaceMethods.Length; i++)
        {
            if (map.InterfaceMethods[i].Name == nameof(IEventHandler<T>.OnBatchStart))
            {
                return map.TargetMethods[i].DeclaringType != typeof(IEventHandler<T>);
            }
        }

        return false;
    }
}
