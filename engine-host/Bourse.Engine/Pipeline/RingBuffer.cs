using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Bourse.Engine.Pipeline;

/// <summary>
/// The claim-and-publish half of <see cref="RingBuffer{T}"/>, for one producer thread: which slots may be written
/// next, and which have been published to the consumers.
/// </summary>
/// <remarks>
/// <para>
/// Protocol: <see cref="Next()"/> (or <see cref="TryNext(out long)"/>) claims a sequence, the producer writes the slot
/// through <see cref="RingBuffer{T}"/>'s indexer, then <see cref="Publish(long)"/> makes it visible. Single producer:
/// every claim and publish comes from one thread, in order, which is why claiming is a plain increment and publishing a
/// single release write of the cursor.
/// </para>
/// <para>
/// The producer waits (spinning, then yielding) only when the ring is full, i.e. when the slowest gating sequence
/// (<see cref="AddGatingSequences"/>) is a whole ring behind; with no gating sequences it never waits and overwrites
/// unread slots. The slowest gating sequence is re-read only when the cached copy says the claim could wrap.
/// </para>
/// <para>
/// Why a non-generic base with an explicit layout: the producer writes its claim state on every claim, while consumers
/// read the slot array and index mask on every event; those must not share a cache line, and neither may the
/// object's neighbours on the heap. The read-mostly fields sit after <see cref="CacheLine.Padding"/> bytes of leading
/// padding at fixed offsets, and the producer's fields follow in a padded <see cref="ProducerState"/>, which brings
/// the padding between the two blocks and after the object. The runtime refuses explicit layout on generic types,
/// hence this base. <c>RingBufferLayoutTests</c> pins the layout.
/// </para>
/// </remarks>
[StructLayout(LayoutKind.Explicit)]
public abstract class RingBuffer
{
    internal const int ReadMostlyBlockOffset = CacheLine.Padding;
    internal const int ReadMostlyBlockSize = 56;
    internal const int ProducerStateOffset = ReadMostlyBlockOffset + ReadMostlyBlockSize;

    // padding: CacheLine.Padding — keeps the previous object on the heap off the read-mostly block's line.

    // Read-mostly block: written in the constructor (and _gatingSequences when consumers are added), then only read.

    /// <summary>The slots: a <c>T[]</c>, typed by <see cref="RingBuffer{T}"/>.</summary>
    [FieldOffset(ReadMostlyBlockOffset)]
    private protected readonly object _entries;

    [FieldOffset(ReadMostlyBlockOffset + 8)]
    private readonly Sequence _cursor;

    [FieldOffset(ReadMostlyBlockOffset + 16)]
    private readonly IWaitStrategy _waitStrategy;

    // Replaced as a whole (copy on write) by AddGatingSequences; read with Volatile.Read.
    [FieldOffset(ReadMostlyBlockOffset + 24)]
    private Sequence[] _gatingSequences;

    [FieldOffset(ReadMostlyBlockOffset + 32)]
    private protected readonly long _indexMask;

    [FieldOffset(ReadMostlyBlockOffset + 40)]
    private readonly int _bufferSize;

    /// <summary>Unused slots at each end of <see cref="_entries"/> (see <see cref="RingBuffer{T}"/>).</summary>
    [FieldOffset(ReadMostlyBlockOffset + 44)]
    private protected readonly int _bufferPad;

    [FieldOffset(ReadMostlyBlockOffset + 48)]
    private readonly bool _isBlockingStrategy;

    // padding: the first CacheLine.Padding bytes of ProducerState — the producer's writes must not invalidate the
    // consumers' copy of the block above.

    /// <summary>Read and written by the producer thread only.</summary>
    [FieldOffset(ProducerStateOffset)]
    private ProducerState _producer;

    // padding: the last CacheLine.Padding bytes of ProducerState — keeps the next object on the heap off its line.

    private protected RingBuffer(object entries, int bufferSize, int bufferPad, IWaitStrategy waitStrategy)
    {
        ArgumentNullException.ThrowIfNull(waitStrategy);
        _entries = entries;
        _bufferSize = bufferSize;
        _bufferPad = bufferPad;
        _indexMask = bufferSize - 1;
        _waitStrategy = waitStrategy;
        _isBlockingStrategy = waitStrategy.IsBlockingStrategy;
        _cursor = new Sequence();
        _gatingSequences = [];
        _producer.NextValue = Sequence.InitialValue;
        _producer.CachedGatingSequence = Sequence.InitialValue;
    }

    /// <summary>The number of slots: a power of two.</summary>
    public int BufferSize => _bufferSize;

    /// <summary>The highest published sequence (-1 before the first publish), read with acquire semantics.</summary>
    public long Cursor => _cursor.Value;

    /// <summary>Claims the next slot, waiting while the ring is full.</summary>
    /// <returns>The claimed sequence. Write its slot, then <see cref="Publish(long)"/> it.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => NextCore(1);

    /// <summary>Claims the next <paramref name="n"/> slots, waiting while the ring has fewer free.</summary>
    /// <param name="n">Slots to claim, 1 to <see cref="BufferSize"/>.</param>
    /// <returns>The highest claimed sequence; the lowest is <c>hi - n + 1</c>. Publish with <see cref="Publish(long, long)"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1 or more than <see cref="BufferSize"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int n)
    {
        ValidateClaimSize(n);
        return NextCore(n);
    }

    /// <summary>Claims the next slot if one is free, without waiting.</summary>
    /// <param name="sequence">The claimed sequence, or 0 when the ring is full.</param>
    /// <returns><see langword="false"/> if the ring is full (the slowest consumer is a whole ring behind).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(out long sequence) => TryNextCore(1, out sequence);

    /// <summary>Claims the next <paramref name="n"/> slots if that many are free, without waiting.</summary>
    /// <param name="n">Slots to claim, 1 to <see cref="BufferSize"/>.</param>
    /// <param name="hi">The highest claimed sequence (the lowest is <c>hi - n + 1</c>), or 0 when there is no room.</param>
    /// <returns><see langword="false"/> if fewer than <paramref name="n"/> slots are free; nothing is claimed then.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1 or more than <see cref="BufferSize"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNext(int n, out long hi)
    {
        ValidateClaimSize(n);
        return TryNextCore(n, out hi);
    }

    /// <summary>
    /// Publishes <paramref name="sequence"/> and every claimed sequence before it: one release write of the cursor
    /// (the slot writes become visible no later than the cursor), then a wake-up if the wait strategy can block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        _cursor.SetValue(sequence);
        if (_isBlockingStrategy)
        {
            _waitStrategy.SignalAllWhenBlocking();
        }
    }

    /// <summary>Publishes the claimed range <paramref name="lo"/> to <paramref name="hi"/> (one cursor write, for a single producer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long lo, long hi)
    {
        Debug.Assert(lo <= hi, "The range is empty.");
        Publish(hi);
    }

    /// <summary>
    /// Adds consumer sequences the producer must not lap. Each is first set to the current <see cref="Cursor"/>, so a
    /// consumer added late starts after what has already been published. Add them before publishing starts (or before
    /// the consumer runs): a consumer that has processed events has its progress reset.
    /// </summary>
    public void AddGatingSequences(params Sequence[] gatingSequences)
    {
        ArgumentNullException.ThrowIfNull(gatingSequences);
        foreach (var sequence in gatingSequences)
        {
            ArgumentNullException.ThrowIfNull(sequence, nameof(gatingSequences));
        }

        Sequence[] current;
        Sequence[] updated;
        do
        {
            current = Volatile.Read(ref _gatingSequences);
            updated = [.. current, .. gatingSequences];
            SetAll(gatingSequences, Cursor);
        }
        while (Interlocked.CompareExchange(ref _gatingSequences, updated, current) != current);

        // The producer may have moved on between the first set and the swap; it is gated from here on.
        SetAll(gatingSequences, Cursor);
    }

    /// <summary>
    /// Makes a barrier for a consumer: on the cursor alone for a first stage, or on <paramref name="dependents"/> (the
    /// sequences of earlier stages) for a later one, so it never sees a slot before they have finished with it.
    /// </summary>
    public SequenceBarrier NewBarrier(params Sequence[] dependents)
    {
        ArgumentNullException.ThrowIfNull(dependents);
        foreach (var sequence in dependents)
        {
            ArgumentNullException.ThrowIfNull(sequence, nameof(dependents));
        }

        return new SequenceBarrier(_cursor, _waitStrategy, [.. dependents]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long NextCore(int n)
    {
        var current = _producer.NextValue;
        var next = current + n;
        var wrapPoint = next - _bufferSize;
        var cachedGatingSequence = _producer.CachedGatingSequence;

        // The second test catches a cache from before AddGatingSequences moved sequences forward.
        if (wrapPoint > cachedGatingSequence || cachedGatingSequence > current)
        {
            WaitForCapacity(current, wrapPoint);
        }

        _producer.NextValue = next;
        return next;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long current, long wrapPoint)
    {
        // Never sleeps: with a full ring the consumer is about to free a slot, and a millisecond sleep would be huge.
        var spin = default(SpinWait);
        long minimum;
        while (wrapPoint > (minimum = MinimumGatingSequence(current)))
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }

        _producer.CachedGatingSequence = minimum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryNextCore(int n, out long hi)
    {
        var current = _producer.NextValue;
        var next = current + n;
        var wrapPoint = next - _bufferSize;
        var cachedGatingSequence = _producer.CachedGatingSequence;

        if (wrapPoint > cachedGatingSequence || cachedGatingSequence > current)
        {
            var minimum = MinimumGatingSequence(current);
            _producer.CachedGatingSequence = minimum;
            if (wrapPoint > minimum)
            {
                hi = 0;
                return false;
            }
        }

        _producer.NextValue = next;
        hi = next;
        return true;
    }

    /// <summary>The slowest gating sequence, or <paramref name="current"/> if it is lower (or there are none).</summary>
    private long MinimumGatingSequence(long current)
    {
        var minimum = current;
        foreach (var sequence in Volatile.Read(ref _gatingSequences))
        {
            minimum = Math.Min(minimum, sequence.Value);
        }

        return minimum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ValidateClaimSize(int n)
    {
        if ((uint)(n - 1) >= (uint)_bufferSize)
        {
            ThrowClaimSizeOutOfRange(n);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowClaimSizeOutOfRange(int n) =>
        throw new ArgumentOutOfRangeException(nameof(n), n, $"Claim between 1 and the buffer size ({_bufferSize}) slots.");

    private static void SetAll(Sequence[] sequences, long value)
    {
        foreach (var sequence in sequences)
        {
            sequence.SetValue(value);
        }
    }
}
