using System.Runtime.CompilerServices;

namespace Bourse.Engine.Pipeline;

/// <summary>
/// A 64-bit sequence counter shared between threads: the ring's cursor (the last published slot) and each consumer's
/// progress (the last slot it has finished with, which gates the producer).
/// </summary>
/// <remarks>
/// <para>
/// Padded so the value sits alone on its cache line: a producer and a consumer each write their own sequence on every
/// batch, and two sequences (or a sequence and any other hot field) sharing a line would bounce that line between
/// cores on every write. <see cref="CacheLine.Padding"/> explains why 56 bytes on each side suffice and
/// <see cref="PaddedLong"/> how they are kept. The layout test is <c>SequenceLayoutTests</c>; the benchmark against an
/// unpadded sequence is <c>RingBufferBenchmarks</c> in Bourse.Engine.Benchmarks.
/// </para>
/// <para>
/// Memory barriers: <see cref="Value"/> is a volatile read (acquire: later reads and writes are not moved before it).
/// <see cref="SetValue"/> is a volatile write (release: earlier reads and writes are not moved after it), which is
/// what publishing needs — the slot is written before the cursor that makes it visible, and a consumer reads the slot
/// after the cursor. <see cref="SetValueVolatile"/>, <see cref="CompareAndSet"/>, <see cref="IncrementAndGet"/> and
/// <see cref="AddAndGet"/> are interlocked operations and therefore full fences (they also order a store before a
/// later load, which a release write does not).
/// </para>
/// </remarks>
public sealed class Sequence
{
    /// <summary>The value of a sequence before anything has been published or consumed.</summary>
    public const long InitialValue = -1;

    // padding: the only field is a PaddedLong, whose value has CacheLine.Padding bytes on each side; see PaddedLong
    // for why the padding is a struct and not this class's own explicit layout.
    private PaddedLong _padded;

    /// <param name="initialValue">The starting value. The default value is <see cref="InitialValue"/> (-1).</param>
    public Sequence(long initialValue = InitialValue) => Volatile.Write(ref _padded.Value, initialValue);

    /// <summary>The current value, read with acquire semantics.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _padded.Value);
    }

    /// <summary>Writes the value with release semantics: every earlier write is visible before this one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValue(long value) => Volatile.Write(ref _padded.Value, value);

    /// <summary>Writes the value with a full fence: also keeps later reads from moving before the write.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValueVolatile(long value) => Interlocked.Exchange(ref _padded.Value, value);

    /// <summary>Atomically sets the value to <paramref name="newValue"/> if it is <paramref name="expectedValue"/>.</summary>
    /// <returns><see langword="true"/> if the value was <paramref name="expectedValue"/> and has been replaced.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CompareAndSet(long expectedValue, long newValue) =>
        Interlocked.CompareExchange(ref _padded.Value, newValue, expectedValue) == expectedValue;

    /// <summary>Atomically adds one.</summary>
    /// <returns>The value after the increment.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long IncrementAndGet() => Interlocked.Increment(ref _padded.Value);

    /// <summary>Atomically adds <paramref name="increment"/>.</summary>
    /// <returns>The value after the addition.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long AddAndGet(long increment) => Interlocked.Add(ref _padded.Value, increment);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
