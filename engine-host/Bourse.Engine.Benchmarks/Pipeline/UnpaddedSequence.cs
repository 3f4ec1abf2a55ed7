namespace Bourse.Engine.Benchmarks.Pipeline;

/// <summary>
/// The baseline for <see cref="Bourse.Engine.Pipeline.Sequence"/>: the same acquire reads and release writes on a
/// bare 8-byte field, with no padding. Two of them allocated one after the other sit in adjacent 24-byte objects,
/// usually on the same cache line: the false sharing the padded sequence exists to avoid.
/// </summary>
internal sealed class UnpaddedSequence(long initialValue = -1)
{
    private long _value = initialValue;

    public long Value => Volatile.Read(ref _value);

    public void SetValue(long value) => Volatile.Write(ref _value, value);
}
