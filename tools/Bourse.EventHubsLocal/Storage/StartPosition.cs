namespace Bourse.EventHubsLocal.Storage;

/// <summary>Where a consumer starts reading, as its link's selector filter says.</summary>
/// <param name="Kind">What <paramref name="Value"/> is.</param>
/// <param name="Value">An offset, a sequence number or Unix milliseconds; unused for Earliest and Latest.</param>
/// <param name="IsInclusive">Whether an event exactly at <paramref name="Value"/> is read (<c>&gt;=</c>) or skipped (<c>&gt;</c>).</param>
internal readonly record struct StartPosition(StartPositionKind Kind, long Value, bool IsInclusive)
{
    public static StartPosition Earliest { get; } = new(StartPositionKind.Earliest, 0, true);

    public static StartPosition Latest { get; } = new(StartPositionKind.Latest, 0, false);
}

internal enum StartPositionKind
{
    /// <summary>The first event of the partition.</summary>
    Earliest,

    /// <summary>The next event enqueued after the consumer attached.</summary>
    Latest,

    /// <summary>The first event whose offset is greater than (or equal to) the value.</summary>
    Offset,

    /// <summary>The first event whose sequence number is greater than (or equal to) the value.</summary>
    SequenceNumber,

    /// <summary>The first event enqueued after the value (Unix milliseconds); the service has no inclusive form.</summary>
    EnqueuedTime,
}
