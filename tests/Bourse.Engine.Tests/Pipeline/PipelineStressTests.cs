using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Tests.Pipeline;

/// <summary>Producer and consumers on separate threads, many laps of a small ring, checked slot by slot.</summary>
/// <remarks>
/// 2,000,000 longs through a 1,024-slot ring (about 2,000 laps) per strategy, except that busy-spin runs fewer events. A spinning consumer holds its core until the scheduler takes it away, so on a shared
/// two-core machine every hand-off between producer and consumer can cost a scheduler time slice: 2,000,000 events
/// took from 65 ms to 9 s with the load average at 10 (other builds), against under 1.2 s for the other strategies.
/// </remarks>
[Collection(PipelineThreads.Name)]
public sealed class PipelineStressTests
{
    private const int RingSize = 1024;

    [Theory]
    [MemberData(nameof(WaitStrategies.All), MemberType = typeof(WaitStrategies))]
    public void Every_long_arrives_exactly_once_and_in_order(string strategy)
    {
        var count = strategy == WaitStrategies.BusySpin ? 200_000 : 2_000_000L;
        var ring = new RingBuffer<long>(RingSize, WaitStrategies.Create(strategy));
        var handler = new CheckingHandler();
        var processor = BatchEventProcessor.Create(ring, ring.NewBarrier(), handler);
        ring.AddGatingSequences(processor.Sequence);
        var consumer = ConsumerThread.Start(processor);

        for (var i = 0L; i < count; i++)
        {
            var sequence = ring.Next();
            ring[sequence] = sequence;
            ring.Publish(sequence);
        }

        ConsumerThread.WaitUntil(() => processor.Sequence.Value == count - 1, "the consumer to catch up");
        consumer.HaltAndJoin();

        Assert.Null(handler.FirstError);
        Assert.Equal(count, handler.Expected);
        Assert.True(handler.Batches >= 1);
        if (strategy == WaitStrategies.BusySpin)
        {
            Assert.True(handler.EndsOfMultiSlotBatches >= 1, $"No batch of more than one slot in {handler.Batches} batches.");
        }
    }

    [Theory]
    [MemberData(nameof(WaitStrategies.All), MemberType = typeof(WaitStrategies))]
    public void Claims_of_many_slots_at_once_arrive_exactly_once_and_in_order(string strategy)
    {
        var count = strategy == WaitStrategies.BusySpin ? 100_000 : 500_000L;
        var ring = new RingBuffer<long>(RingSize, WaitStrategies.Create(strategy));
        var handler = new CheckingHandler();
        var processor = BatchEventProcessor.Create(ring, ring.NewBarrier(), handler);
        ring.AddGatingSequences(processor.Sequence);
        var consumer = ConsumerThread.Start(processor);
        var random = new Random(20240611);

        var published = 0L;
        while (published < count)
        {
            var n = (int)Math.Min(random.Next(1, 65), count - published);
            long hi;
            if (random.Next(2) == 0)
            {
                hi = ring.Next(n);
            }
            else
            {
                var spin = default(SpinWait);
                while (!ring.TryNext(n, out hi))
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
            }

            var lo = hi - n + 1;
            for (var sequence = lo; sequence <= hi; sequence++)
            {
                ring[sequence] = sequence;
            }

            ring.Publish(lo, hi);
            published += n;
        }

        ConsumerThread.WaitUntil(() => processor.Sequence.Value == count - 1, "the consumer to catch up");
        consumer.HaltAndJoin();

        Assert.Null(handler.FirstError);
        Assert.Equal(count, handler.Expected);
    }

    [Theory]
    [MemberData(nameof(WaitStrategies.All), MemberType = typeof(WaitStrategies))]
    public void Second_stage_never_sees_a_slot_before_the_first_stage_has_processed_it(string strategy)
    {
        // Three threads: with busy-spin that is more spinners than this machine has cores.
        var count = strategy == WaitStrategies.BusySpin ? 40_000 : 500_000L;
        var ring = new RingBuffer<StagedSlot>(RingSize, WaitStrategies.Create(strategy));
        var stageA = BatchEventProcessor.Create(ring, ring.NewBarrier(), new StageAHandler());
        var stageBHandler = new StageBHandler(stageA.Sequence);
        var stageB = BatchEventProcessor.Create(ring, ring.NewBarrier(stageA.Sequence), stageBHandler);
        ring.AddGatingSequences(stageB.Sequence);
        var threadA = ConsumerThread.Start(stageA, "stage A");
        var threadB = ConsumerThread.Start(stageB, "stage B");

        for (var i = 0L; i < count; i++)
        {
            var sequence = ring.Next();
            ref var slot = ref ring[sequence];
            slot.Value = sequence;
            slot.ProcessedByA = -1;
            ring.Publish(sequence);
        }

        ConsumerThread.WaitUntil(() => stageB.Sequence.Value == count - 1, "stage B to catch up");
        threadA.HaltAndJoin();
        threadB.HaltAndJoin();

        Assert.Null(stageBHandler.FirstError);
        Assert.Equal(count, stageBHandler.Seen);
    }

    private struct StagedSlot
    {
        public long Value;
        public long ProcessedByA;
    }

    /// <summary>Marks each slot; a struct, so the processor calls it directly.</summary>
    private struct StageAHandler : IEventHandler<StagedSlot>
    {
        public readonly void OnEvent(ref StagedSlot data, long sequence, bool endOfBatch) => data.ProcessedByA = data.Value;
    }

    private sealed class StageBHandler(Sequence stageA) : IEventHandler<StagedSlot>
    {
        public long Seen { get; private set; }

        public string? FirstError { get; private set; }

        public void OnEvent(ref StagedSlot data, long sequence, bool endOfBatch)
        {
            if (data.Value != sequence || data.ProcessedByA != sequence || stageA.Value < sequence)
            {
                FirstError ??= $"slot {sequence}: value {data.Value}, stage A mark {data.ProcessedByA}, stage A at {stageA.Value}";
            }

            Seen++;
        }
    }
}
