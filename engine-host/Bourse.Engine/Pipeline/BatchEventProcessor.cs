namespace Bourse.Engine.Pipeline;

/// <summary>Creates <see cref="BatchEventProcessor{T, THandler}"/>s with the type arguments inferred.</summary>
public static class BatchEventProcessor
{
    /// <summary>A processor for <paramref name="handler"/>; see <see cref="BatchEventProcessor{T, THandler}"/>.</summary>
    public static BatchEventProcessor<T, THandler> Create<T, THandler>(RingBuffer<T> ring, SequenceBarrier barrier, THandler handler)
        where T : struct
        where THandler : IEventHandler<T> =>
        new(ring, barrier, handler);
}
