using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Publishing;

/// <summary>
/// The slot of the host's out-ring: one book event on its way from a matching thread to the
/// <see cref="EventHubsPublisher"/>, or a <see cref="PublishSlotKind.Gap"/> marker. Written in place by
/// <see cref="PublishRingWriter"/>; nothing in it is a reference, so filling it allocates nothing and the GC never
/// scans the ring.
/// </summary>
/// <remarks>
/// <para>
/// The trace context is kept as its raw bytes (<see cref="TraceIdHigh"/>, <see cref="TraceIdLow"/>,
/// <see cref="SpanId"/>, <see cref="TraceFlags"/>), not as <see cref="ActivityTraceId"/> and
/// <see cref="ActivitySpanId"/>: those structs wrap a hex <see cref="string"/>, so a slot holding them would hold
/// references, and making new ones allocates. <see cref="SetTraceContext"/> copies the bytes out of them without
/// allocating; <see cref="TraceContext"/> makes them again on the publisher's thread.
/// </para>
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct PublishSlot
{
    /// <summary>The event (for <see cref="PublishSlotKind.Event"/>).</summary>
    public MatchEvent Event;

    /// <summary>
    /// The per-instrument event sequence: the book's <see cref="MatchEvent.Sequence"/>, gap-free from 1 and the same
    /// when a replay of the journal regenerates the event, so consumers drop duplicates by (instrument, sequence).
    /// </summary>
    public long Sequence;

    /// <summary>
    /// The journal sequence of the command that produced the event; for a <see cref="PublishSlotKind.Gap"/>, the first
    /// command whose events are missing.
    /// </summary>
    public long CommandSequence;

    /// <summary>For a <see cref="PublishSlotKind.Gap"/>: the last command whose events are missing. Otherwise 0.</summary>
    public long GapLastCommandSequence;

    /// <summary>The first 8 bytes of the W3C trace id, big-endian; 0 and <see cref="TraceIdLow"/> 0: no trace context.</summary>
    public ulong TraceIdHigh;

    /// <summary>The last 8 bytes of the W3C trace id, big-endian.</summary>
    public ulong TraceIdLow;

    /// <summary>The W3C parent (span) id, big-endian: the span that submitted the command.</summary>
    public ulong SpanId;

    /// <summary>The instrument (<see cref="InstrumentSpec.InstrumentId"/>).</summary>
    public int InstrumentId;

    public PublishSlotKind Kind;

    /// <summary>Whether this is the last event of its command: the publisher's checkpoint counts whole commands only.</summary>
    public bool EndOfCommand;

    /// <summary>The W3C trace flags (<see cref="ActivityTraceFlags"/>).</summary>
    public byte TraceFlags;

    /// <summary>Whether the slot has a trace context (a trace id that is not all zeros).</summary>
    public readonly bool HasTraceContext => (TraceIdHigh | TraceIdLow) != 0;

    /// <summary>The trace context as an <see cref="ActivityContext"/>; allocates (the ids' hex strings): call off the matching thread.</summary>
    public readonly ActivityContext TraceContext
    {
        get
        {
            if (!HasTraceContext)
            {
                return default;
            }

            Span<byte> bytes = stackalloc byte[24];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, TraceIdHigh);
            BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], TraceIdLow);
            BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], SpanId);
            return new ActivityContext(
                ActivityTraceId.CreateFromBytes(bytes[..16]),
                ActivitySpanId.CreateFromBytes(bytes[16..]),
                (ActivityTraceFlags)TraceFlags,
                traceState: null,
                isRemote: true);
        }
    }

    /// <summary>Copies a trace context's bytes into the slot. Allocates nothing; a default id clears the context.</summary>
    public void SetTraceContext(ActivityTraceId traceId, ActivitySpanId spanId, ActivityTraceFlags flags)
    {
        if (traceId == default)
        {
            TraceIdHigh = 0;
            TraceIdLow = 0;
            SpanId = 0;
            TraceFlags = 0;
            return;
        }

        Span<byte> bytes = stackalloc byte[16];
        traceId.CopyTo(bytes);
        TraceIdHigh = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        TraceIdLow = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        if (spanId == default)
        {
            SpanId = 0;
        }
        else
        {
            spanId.CopyTo(bytes[..8]);
            SpanId = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        }

        TraceFlags = (byte)flags;
    }
}
