using System.Diagnostics;
using Bourse.Engine.Matching;
using Bourse.Engine.Pipeline;
using HdrHistogram;

namespace Bourse.EngineHost.Harness;

/// <summary>
/// The <c>latency</c> workload: commands offered at a fixed rate through the command ring to the matching thread. Each
/// command's latency runs from its <em>scheduled</em> send time (so a late producer or a full ring counts as queueing,
/// as exchange-core's PerfLatency measures it) to the moment the matching thread has written its last event into the
/// pre-allocated event buffer; HdrHistogram keeps the distribution.
/// </summary>
/// <remarks>
/// <para>
/// Hardware: two free cores — the producer spins on the clock and the matching thread on the ring. A third stage
/// (an event-ring consumer) was tried and dropped: on a 2-core machine a third thread only runs when the scheduler
/// preempts a spinner, which put milliseconds into p50 (measured: p50 2.9 ms at 1M/s with it).
/// </para>
/// <para>
/// The pipeline, in the order data flows (thread names match the stage numbers):
/// 1. producer (P): paces commands, writes them into the command ring;
/// 2. matching (M): applies each command to the book, drains its events, records the latency.
/// </para>
/// </remarks>
internal sealed class LatencyHarness
{
    private const int CommandRingSize = 1 << 16;

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

    /// <summary>Latencies are in <see cref="Stopwatch"/> ticks (the histogram's unit); a longer one is clamped, since throwing on the matching thread would stop the run.</summary>
    private static readonly long HighestTrackable = 10 * Stopwatch.Frequency;

    private static LatencyResult RunOnce(OrderCommand[] commands, long ratePerSecond, IWaitStrategy matchingWait)
    {
        var histogram = new LongHistogram(HighestTrackable, 3);
        var commandRing = new RingBuffer<CommandSlot>(CommandRingSize, matchingWait);

        // 2. matching (M)
        var events = new EventBuffer(4_096);
        var book = new OrderBook(InstrumentSpec.Unrestricted, events);
        var matching = BatchEventProcessor.Create(commandRing, commandRing.NewBarrier(), new MatchingHandler(book, events, histogram));
        commandRing.AddGatingSequences(matching.Sequence);

        var matchingThread = new Thread(matching.Run) { Name = "M:matching", IsBackground = true };
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
        matching.Halt();
        matchingThread.Join();
        return LatencyResult.From(histogram, commands.Length, ratePerSecond, offeredSeconds, late);
    }

    private struct CommandSlot
    {
        public OrderCommand Command;
        public long CommandSequence;
        public long ScheduledTimestamp;
    }

    private readonly struct MatchingHandler(OrderBook book, EventBuffer events, LongHistogram histogram) : IEventHandler<CommandSlot>
    {
        public void OnEvent(ref CommandSlot data, long sequence, bool endOfBatch)
        {
            book.Process(data.Command, data.CommandSequence);
            var now = Stopwatch.GetTimestamp();
            events.Clear();
            histogram.RecordValue(Math.Clamp(now - data.ScheduledTimestamp, 0, HighestTrackable));
        }
    }
}
