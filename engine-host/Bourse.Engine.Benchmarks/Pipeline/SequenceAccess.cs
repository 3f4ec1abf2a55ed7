using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Benchmarks.Pipeline;

/// <summary>
/// Reads and writes one sequence, so that <see cref="SpscRing{TSequence}"/> runs the same code on a padded and on an
/// unpadded sequence. Implemented by structs holding one reference each, so the JIT compiles one copy of the ring per
/// sequence type with identical code shape (one pointer hop to the value in both cases).
/// </summary>
internal interface ISequenceAccess
{
    long Value { get; }

    void SetValue(long value);
}

internal readonly struct PaddedSequenceAccess(Sequence sequence) : ISequenceAccess
{
    public long Value => sequence.Value;

    public void SetValue(long value) => sequence.SetValue(value);
}

internal readonly struct UnpaddedSequenceAccess(UnpaddedSequence sequence) : ISequenceAccess
{
    public long Value => sequence.Value;

    public void SetValue(long value) => sequence.SetValue(value);
}
