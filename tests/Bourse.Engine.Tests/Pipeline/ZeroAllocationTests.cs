using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Tests.Pipeline;

/// <summary>After warm-up, publishing and consuming allocate nothing on either thread.</summary>
[Collection(PipelineThreads.Name)]
public sealed class ZeroAllocationTests
{
    private const int Warmup = 50_000;
    private const int Measured = 100_000;

    [Theory]
    [MemberData(nameof(WaitStrategies.All), MemberType = typeof(WaitStrategies))]
    public void Publishing_and_consuming_100000_events_allocates_nothing(string strategy)
    {
        var ring = new RingBuffer<long>(1024, WaitStrategies.Create(strategy));
        var consumerBytes = new ConsumerAllocations();

        // A struct handler without OnBatchStart: calling the default on it would box it once per batch.
        var processor = BatchEventProcessor.Create(ring, ring.NewBarrier(), new AllocationRecordingHandler(consumerBytes, Warmup - 1, Warmup + Measured - 1));
        ring.AddGatingSequences(processor.Sequence);
        var consumer = ConsumerThread.Start(processor);

        Publish(ring, Warmup);
        ConsumerThread.WaitUntil(() => processor.Sequence.Value == Warmup - 1, "the warm-up to be consumed");

        var before = GC.GetAllocatedBytesForCurrentThread();
        Publish(ring, Measured);
        var producerBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        ConsumerThread.WaitUntil(() => processor.Sequence.Value == Warmup + Measured - 1, "the measured events to be consumed");
        consumer.HaltAndJoin();

        Assert.Equal(0, producerBytes);
        Assert.Equal(0, consumerBytes.AtEnd - consumerBytes.AtStart);
    }

    private static void Publish(RingBuffer<long> ring, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var sequence = ring.Next();
            ring[sequence] = sequence;
            ring.Publish(sequence);
        }
    }

    private sealed class ConsumerAllocations
    {
        public long AtStart { get; set; }

        public long AtEnd { get; set; }
    }

    private readonly struct AllocationRecordingHandler(ConsumerAllocations results, long startAfter, long endAfter) : IEventHandler<long>
    {
        public void OnEvent(ref long data, long sequence, bool endOfBatch)
        {
            if (sequence == startAfter)
            {
                results.AtStart = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (sequence == endAfter)
            {
                results.AtEnd = GC.GetAllocatedBytesForCurrentThread();
            }
        }
    }
}
