using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bourse.Engine.Matching;
using Bourse.Engine.Pipeline;
using Bourse.EngineHost.Sharding;

namespace Bourse.EngineHost.Publishing;

/// <summary>
/// The shard's end of the out-ring (its commit thread): writes each committed command's events into
/// <see cref="PublishSlot"/>s, and never waits for the publisher.
/// </summary>
/// <remarks>
/// <para>
/// <b>When the ring is full</b> the events are not waited for, they are left in the journal: the command opens (or
/// extends) a <i>gap</i> for its instrument, and once the ring has room again a <see cref="PublishSlotKind.Gap"/>
/// marker goes in ahead of that instrument's next events. The publisher regenerates the gap's events from the journal
/// (<see cref="JournalEventReplay"/>) when it reaches the marker, so each instrument's events still go out in order,
/// and matching never stalls on Event Hubs: an outage costs publishing latency and a journal replay, not trading.
/// A command with more events than the ring has slots takes the same path.
/// </para>
/// <para>
/// The gap's commands must be in the journal files (written to the OS) before the marker is published: call
/// <see cref="Commit"/> only after the journal's flush of the commands written — <see cref="IShardEventSink.OnCommitted"/>
/// is called exactly then.
/// </para>
/// <para>
/// Threading: one thread (the shard's commit thread) calls every member. Allocates nothing after construction.
/// </para>
/// </remarks>
internal sealed class PublishRingWriter : IShardEventSink
{
    private readonly RingBuffer<PublishSlot> _ring;
    private readonly Dictionary<int, int> _indexOf;
    private readonly int[] _instrumentIds;

    // Per instrument (by index): the open gap's first and last command; 0 = no gap.
    private readonly long[] _gapFirst;
    private readonly long[] _gapLast;
    private int _openGaps;

    // The highest claimed but unpublished sequence; -1 = nothing to publish.
    private long _claimed = -1;

    /// <param name="ring">The out-ring; its consumer (the publisher) must gate it.</param>
    /// <param name="instrumentIds">The instruments whose events this writer carries.</param>
    public PublishRingWriter(RingBuffer<PublishSlot> ring, IEnumerable<int> instrumentIds)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(instrumentIds);
        _ring = ring;
        _instrumentIds = [.. instrumentIds.Distinct()];
        _indexOf = new Dictionary<int, int>(_instrumentIds.Length);
        for (var i = 0; i < _instrumentIds.Length; i++)
        {
            _indexOf.Add(_instrumentIds[i], i);
        }

        _gapFirst = new long[_instrumentIds.Length];
        _gapLast = new long[_instrumentIds.Length];
    }

    /// <summary>Commands whose events went to a gap (the journal) instead of the ring. Read on the writer's thread.</summary>
    public long GapCommands { get; private set; }

    /// <summary>Gap markers written.</summary>
    public long GapMarkers { get; private set; }

    /// <summary>Whether an instrument has a gap whose marker is not in the ring yet.</summary>
    public bool HasOpenGap(int instrumentId) => _gapFirst[IndexOf(instrumentId)] != 0;

    /// <summary>
    /// The shard's end of batch: writes every journalled command's events, then <see cref="Commit"/>s. Commands that
    /// never reached a book (command sequence 0: an unknown instrument) are not published.
    /// </summary>
    public void OnCommitted(ReadOnlySpan<CommittedCommand> commands, ReadOnlySpan<MatchEvent> events)
    {
        foreach (ref readonly var command in commands)
        {
            if (command.CommandSequence != 0 && command.EventCount != 0)
            {
                // The shard does not carry trace flags: a command that has a trace is published as sampled, so that
                // parent-based samplers downstream keep the order's trace.
                Write(
                    command.InstrumentId,
                    events.Slice(command.FirstEvent, command.EventCount),
                    command.TraceId,
                    command.SpanId,
                    ActivityTraceFlags.Recorded);
            }
        }

        Commit();
    }

    /// <summary>Writes one command's events (claims their slots; <see cref="Commit"/> publishes them).</summary>
    /// <param name="instrumentId">The book's instrument.</param>
    /// <param name="events">All the events of one command, in book order; they carry its command sequence.</param>
    /// <param name="traceId">The command's trace id (default: none).</param>
    /// <param name="spanId">The span that submitted the command.</param>
    /// <param name="traceFlags">The W3C trace flags.</param>
    /// <exception cref="ArgumentException">The instrument is not one of this writer's.</exception>
    public void Write(int instrumentId, ReadOnlySpan<MatchEvent> events, ActivityTraceId traceId, ActivitySpanId spanId, ActivityTraceFlags traceFlags)
    {
        if (events.IsEmpty)
        {
            return;
        }

        var index = IndexOf(instrumentId);
        var commandSequence = events[0].CommandSequence;
        var gap = _gapFirst[index] != 0;
        var needed = events.Length + (gap ? 1 : 0);
        if (needed > _ring.BufferSize || !_ring.TryNext(needed, out var hi))
        {
            ExtendGap(index, commandSequence, commandSequence);
            return;
        }

        var sequence = hi - needed + 1;
        if (gap)
        {
            WriteGapMarker(index, sequence++);
        }

        ref var first = ref _ring[sequence];
        first.SetTraceContext(traceId, spanId, traceFlags);
        var traceIdHigh = first.TraceIdHigh;
        var traceIdLow = first.TraceIdLow;
        var span = first.SpanId;
        var flags = first.TraceFlags;
        for (var i = 0; i < events.Length; i++, sequence++)
        {
            ref var slot = ref _ring[sequence];
            slot.Event = events[i];
            slot.Sequence = events[i].Sequence;
            slot.CommandSequence = events[i].CommandSequence;
            slot.GapLastCommandSequence = 0;
            slot.InstrumentId = instrumentId;
            slot.Kind = PublishSlotKind.Event;
            slot.EndOfCommand = i == events.Length - 1;
            slot.TraceIdHigh = traceIdHigh;
            slot.TraceIdLow = traceIdLow;
            slot.SpanId = span;
            slot.TraceFlags = flags;
        }

        _claimed = hi;
    }

    /// <summary>
    /// Asks for the events of commands <paramref name="firstCommandSequence"/> to <paramref name="lastCommandSequence"/>
    /// to be regenerated from the journal and published again: at start-up, for the commands after the instrument's
    /// <see cref="PublishCheckpoint"/>. Call before the shard's first batch; the marker goes out at the next <see cref="Commit"/>.
    /// </summary>
    public void RequestRepublish(int instrumentId, long firstCommandSequence, long lastCommandSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstCommandSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastCommandSequence, firstCommandSequence);
        ExtendGap(IndexOf(instrumentId), firstCommandSequence, lastCommandSequence);
    }

    /// <summary>
    /// Publishes what was written since the last commit, after writing the markers of open gaps that now fit. Call
    /// only once the journal holds the commands written (see the remarks).
    /// </summary>
    public void Commit()
    {
        if (_openGaps != 0)
        {
            WritePendingGapMarkers();
        }

        if (_claimed >= 0)
        {
            _ring.Publish(_claimed);
            _claimed = -1;
        }
    }

    private void WritePendingGapMarkers()
    {
        for (var index = 0; index < _gapFirst.Length && _openGaps != 0; index++)
        {
            if (_gapFirst[index] == 0)
            {
                continue;
            }

            if (!_ring.TryNext(out var sequence))
            {
                return;
            }

            WriteGapMarker(index, sequence);
            _claimed = sequence;
        }
    }

    private void WriteGapMarker(int index, long sequence)
    {
        ref var slot = ref _ring[sequence];
        slot = default;
        slot.Kind = PublishSlotKind.Gap;
        slot.InstrumentId = _instrumentIds[index];
        slot.CommandSequence = _gapFirst[index];
        slot.GapLastCommandSequence = _gapLast[index];
        slot.EndOfCommand = true;
        _gapFirst[index] = 0;
        _gapLast[index] = 0;
        _openGaps--;
        GapMarkers++;
    }

    private void ExtendGap(int index, long first, long last)
    {
        if (_gapFirst[index] == 0)
        {
            _gapFirst[index] = first;
            _gapLast[index] = last;
            _openGaps++;
        }
        else
        {
            _gapFirst[index] = Math.Min(_gapFirst[index], first);
            _gapLast[index] = Math.Max(_gapLast[index], last);
        }

        GapCommands += last - first + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int IndexOf(int instrumentId)
    {
        if (!_indexOf.TryGetValue(instrumentId, out var index))
        {
            ThrowUnknownInstrument(instrumentId);
        }

        return index;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnknownInstrument(int instrumentId) =>
        throw new ArgumentException($"Instrument {instrumentId} is not published through this ring.", nameof(instrumentId));
}
