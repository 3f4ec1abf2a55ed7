namespace Bourse.EventHubsLocal.Storage;

/// <summary>A consistent snapshot of a partition's bounds, as the management node reports them.</summary>
/// <param name="NextSequenceNumber">The sequence number the next event will get (= the number of events).</param>
/// <param name="LastSequenceNumber">The last event's sequence number; -1 when empty.</param>
/// <param name="LastOffset">The last event's offset; -1 when empty.</param>
/// <param name="LastEnqueuedTime">The last event's enqueued time; <see cref="DateTimeOffset.MinValue"/> when empty.</param>
internal readonly record struct PartitionState(
    long NextSequenceNumber,
    long LastSequenceNumber,
    long LastOffset,
    DateTimeOffset LastEnqueuedTime)
{
    /// <summary>Events are never deleted (no retention), so the first sequence number is always 0.</summary>
    public static long BeginSequenceNumber => 0;

    public bool IsEmpty => NextSequenceNumber == 0;
}
