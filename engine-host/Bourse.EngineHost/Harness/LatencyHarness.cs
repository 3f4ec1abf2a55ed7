using System.Diagnostics;
using Bourse.Engine.Matching;
using Bourse.Engine.Pipeline;
using HdrHistogram;

namespace Bourse.EngineHost.Harness;

/// <summary>
/// The <c>latency</c> workload: commands offered at a fixed rate through the command ring to the matching thread, whose
/// events go through the event ring to a consumer. Each command's latency runs from its <em>scheduled</em> send time
/// (so a late producer or a full ring counts as queueing, as exchange-core's PerfLatency measures it) to the moment
/// its last event is published to the event ring; HdrHistogram keeps the distribution.
/// </summary>
/// <remarks>
/// <para>
/// Hardware: needs at least two cores — the producer spins on the clock and the matching thread on the ring; the event
/// consumer yields when idle. On a shared 2-core machine the third thread and other processes show up in the tail.
/// </para>
/// <para>
/// The pipeline, in the order data flows (thread names match the stage numbers):
/// 1. producer (P): paces commands, writes them into the command ring;
/// 2. matching (M): applies each command to the book, copies its events into the event ring, records the latency;
/// 3. events (E): drains the event ring (the stand-in for journal confirmation and publishing).
/// </para>
/// </remarks>
internal sealed class LatencyHarness
{
    private const int CommandRingSize = 1 << 16;
    private const int EventRingSize = 1 << 18;

    public static LatencyResult Run(OrderCommand[] commands, long ratePerSecond, IWaitStrategy matchingWait)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentNullException.ThrowIfNull(matchingWait);

        // Warm-up on a throwaway pipeline so the timed run meets compiled, tiered-up code.
        var warmUp = commands.AsSpan(0, Math.Min(commands.Length, 500_000)).ToArray();
        _ = RunOnce(warmUp, ratePerSecond, matchingWait);
        return RunOnce(commands, ratePerSecond, matchingWait);
    }

    private static LatencyResult RunOnce(OrderCommand[] commands, long ratePerSecond, IWaitStrategy matchingWait)
    {
        var histogram = new LongHistogram(TimeSpan.FromSeconds(10).Ticks * 100, 3);
        var commandRing = new RingBuffer<CommandSlot>(CommandRingSize, matchingWait);
        var eventRing = new RingBuffer<EventSlot>(EventRingSize, new YieldingWaitStrategy());

        // 3. events (E)
        var drain = BatchEventProcessor.Create(eventRing, eventRing.NewBarrier(), new DrainHandler());
        eventRing.AddGatingSequences(drain.Sequence);

        // 2. matching (M)
        var events = new EventBuffer(4_096);
        var book = new OrderBook(InstrumentSpec.Unrestricted, events);
        var matching = BatchEventProcessor.Create(commandRing, commandRing.NewBarrier(), new MatchingHandler(book, events, eventRing, histogram));
        commandRing.AddGatingSequences(matching.Sequence);

        var drainThread = new Thread(drain.Run) { Name = "E:events", IsBackground = true };
        var matchingThread = new Thread(matching.Run) { Name = "M:matching", IsBackground = true };
        drainThread.Start();
        matchingThread.Start();

        // 1. producer (P): this thread.
        var ticksPerCommand = (double)Stopwatch.Frequency / ratePerSecond;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;
        long late = 0;
        for (var i = 0; i < commands.Length; i++)
        {
            var scheduled = start + (long)(i * ticksPerCommand);
            var now = Stopwatch.GetTimestamp();
            if (now > scheduled + ticksPerCommand)
            {
                late++;
            }

            while (now < scheduled)
            {
                now = Stopwatch.GetTimestamp();
            }

            var sequence = commandRing.Next();
            ref var slot = ref commandRing[sequence];
            slot.Command = commands[i];
            slot.CommandSequence = i + 1;
            slot.ScheduledTimestamp = scheduled;
            commandRing.Publish(sequence);
        }

        var lastCommand = commandRing.Cursor;
        while (matching.Sequence.Value < lastCommand)
        {
            Thread.Yield();
        }

        var offeredSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var lastEvent = eventRing.Cursor;
        while (drain.Sequence.Value < lastEvent)
        {
            Thread.Yield();
        }

        matching.Halt();
        drain.Halt();
        matchingThread.Join();
        drainThread.Join();
        return LatencyResult.From(histogram, commands.Length, ratePerSecond, offeredSeconds, late);
    }

    private struct CommandSlot
    {
        public OrderCommand Command;
        public long CommandSequence;
        public long ScheduledTimestamp;
    }

    private struct EventSlot
    {
        public MatchEvent Event;
        public long ScheduledTimestamp;
    }

    private readonly struct MatchingHandler(OrderBook book, EventBuffer events, RingBuffer<EventSlot> eventRing, LongHistogram histogram)
        : IEventHandler<CommandSlot>
    {
        public void OnEvent(ref CommandSlot data, long sequence, bool endOfBatch)
        {
            book.Process(data.Command, data.CommandSequence);
            var produced = events.Events;
            if (produced.Length > 0)
            {
                var hi = eventRing.Next(produced.Length);
                var lo = hi - produced.Length + 1;
                for (var i = 0; i < produced.Length; i++)
                {
                    ref var slot = ref eventRing[lo + i];
                    slot.Event = produced[i];
                    slot.ScheduledTimestamp = data.ScheduledTimestamp;
                }

                eventRing.Publish(lo, hi);
            }

            events.Clear();
            histogram.RecordValue(Math.Max(0, Stopwatch.GetTimestamp() - data.ScheduledTimestamp));
        }
    }

    private readonly struct DrainHandler : IEventHandler<EventSlot>
    {
        public void OnEvent(ref EventSlot data, long sequence, bool endOfBatch)
        {
        }
    }
}
