using System.Diagnostics;
using Bourse.Engine.Matching;
using Bourse.Engine.Pipeline;
using Bourse.EngineHost.Publishing;
using Bourse.EngineHost.Sharding;

namespace Bourse.EngineHost.Tests.Publishing;

public sealed class PublishRingWriterTests
{
    private static readonly ActivityTraceId TraceId = ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c");
    private static readonly ActivitySpanId SpanId = ActivitySpanId.CreateFromString("b7ad6b7169203331");

    [Fact]
    public void A_commands_events_go_in_consecutive_slots_with_its_trace_and_the_last_one_ends_the_command_and_commit_publishes()
    {
        var ring = GatedRing(16, out _);
        var writer = new PublishRingWriter(ring, [5]);

        writer.Write(5, Events(commandSequence: 3, firstEventSequence: 10, count: 3), TraceId, SpanId, ActivityTraceFlags.Recorded);
        Assert.Equal(-1, ring.Cursor);
        writer.Commit();

        Assert.Equal(2, ring.Cursor);
        for (var i = 0; i < 3; i++)
        {
            var slot = ring[i];
            Assert.Equal(PublishSlotKind.Event, slot.Kind);
            Assert.Equal(5, slot.InstrumentId);
            Assert.Equal(10 + i, slot.Sequence);
            Assert.Equal(3, slot.CommandSequence);
            Assert.Equal(10 + i, slot.Event.Sequence);
            Assert.Equal(i == 2, slot.EndOfCommand);
            Assert.Equal(TraceId, slot.TraceContext.TraceId);
            Assert.Equal(SpanId, slot.TraceContext.SpanId);
        }
    }

    [Fact]
    public void A_full_ring_opens_a_gap_and_its_marker_goes_ahead_of_the_instruments_next_events()
    {
        var ring = GatedRing(4, out var consumer);
        var writer = new PublishRingWriter(ring, [1, 2]);
        writer.Write(1, Events(1, 1, 3), default, default, default);
        writer.Write(1, Events(2, 4, 2), default, default, default);
        writer.Write(2, Events(1, 1, 1), default, default, default);
        writer.Commit();

        Assert.True(writer.HasOpenGap(1));
        Assert.False(writer.HasOpenGap(2));
        Assert.Equal(1, writer.GapCommands);

        consumer.SetValue(ring.Cursor);
        writer.Write(1, Events(3, 6, 1), default, default, default);
        writer.Commit();

        Assert.False(writer.HasOpenGap(1));
        Assert.Equal(PublishSlotKind.Gap, ring[4].Kind);
        Assert.Equal(1, ring[4].InstrumentId);
        Assert.Equal(2, ring[4].CommandSequence);
        Assert.Equal(2, ring[4].GapLastCommandSequence);
        Assert.Equal(3, ring[5].CommandSequence);
        Assert.Equal(5, ring.Cursor);
    }

    [Fact]
    public void Commit_writes_a_pending_marker_when_room_comes_back_and_a_command_larger_than_the_ring_is_a_gap()
    {
        var ring = GatedRing(4, out var consumer);
        var writer = new PublishRingWriter(ring, [1]);

        writer.Write(1, Events(1, 1, 4), default, default, default);
        writer.Write(1, Events(2, 5, 5), default, default, default);
        writer.Commit();
        Assert.True(writer.HasOpenGap(1));
        Assert.Equal(3, ring.Cursor);

        writer.RequestRepublish(1, 3, 9);
        consumer.SetValue(ring.Cursor);
        writer.Commit();

        Assert.False(writer.HasOpenGap(1));
        Assert.Equal(4, ring.Cursor);
        Assert.Equal(PublishSlotKind.Gap, ring[4].Kind);
        Assert.Equal(2, ring[4].CommandSequence);
        Assert.Equal(9, ring[4].GapLastCommandSequence);
    }

    [Fact]
    public void The_shards_commands_are_written_per_command_and_commands_that_reached_no_book_are_skipped()
    {
        var ring = GatedRing(16, out _);
        var writer = new PublishRingWriter(ring, [1, 2]);
        var events = Events(4, 7, 2).Concat(Events(0, 0, 1)).Concat(Events(9, 20, 1)).ToArray();
        CommittedCommand[] commands =
        [
            new(default, 1, 4, 1, 1, TraceId, SpanId, 0, 2),
            new(default, 3, 0, 1, 2, default, default, 2, 1),
            new(default, 2, 9, 1, 3, default, default, 3, 1),
        ];

        writer.OnCommitted(commands, events);

        Assert.Equal(2, ring.Cursor);
        Assert.Equal([1, 1, 2], new[] { ring[0].InstrumentId, ring[1].InstrumentId, ring[2].InstrumentId });
        Assert.True(ring[0].HasTraceContext);
        Assert.Equal((byte)ActivityTraceFlags.Recorded, ring[0].TraceFlags);
        Assert.False(ring[2].HasTraceContext);
    }

    [Fact]
    public void Writing_slots_on_the_matching_thread_allocates_nothing()
    {
        // No gating sequence: the ring never fills, so the measured path is the steady state of claim, write, publish.
        var ring = new RingBuffer<PublishSlot>(1 << 10, new BlockingWaitStrategy());
        var writer = new PublishRingWriter(ring, [1, 2]);
        var events = Events(1, 1, 3);
        var sharded = Events(1, 1, 4);
        CommittedCommand[] commands = [new(default, 1, 1, 1, 1, TraceId, SpanId, 0, 2), new(default, 2, 1, 1, 2, TraceId, SpanId, 2, 2)];
        Run(20_000);

        // The least of three runs: the runtime's tiering (a method moving to optimized code while measured) can charge
        // a few kilobytes to this thread once; an allocation on the path itself would show in every run of 100,000.
        var allocated = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Run(100_000);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);

        void Run(int count)
        {
            for (var i = 0; i < count; i++)
            {
                writer.Write(1 + (i & 1), events, TraceId, SpanId, ActivityTraceFlags.Recorded);
                if ((i & 7) == 7)
                {
                    writer.OnCommitted(commands, sharded);
                }
            }

            writer.Commit();
        }
    }

    private static RingBuffer<PublishSlot> GatedRing(int size, out Sequence consumer)
    {
        var ring = new RingBuffer<PublishSlot>(size, new BlockingWaitStrategy());
        consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        return ring;
    }

    private static MatchEvent[] Events(long commandSequence, long firstEventSequence, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new MatchEvent
        {
            Sequence = firstEventSequence + i,
            CommandSequence = commandSequence,
            Type = i == 0 ? EventType.Accepted : EventType.LevelChanged,
            OrderId = 100 + commandSequence,
            Price = 1_000,
            Quantity = 10,
        })];
}
