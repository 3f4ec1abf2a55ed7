using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Benchmarks.Pipeline;

/// <summary>Two counters, one per thread, 8 bytes apart: on one cache line.</summary>
internal sealed class AdjacentCounterPair
{
    public long First;
    public long Second;
}

/// <summary>The same two counters, each in the middle of a <see cref="PaddedLong"/> (120 bytes apart): on two lines.</summary>
internal sealed class PaddedCounterPair
{
    public PaddedLong First;
    public PaddedLong Second;
}
