using System.Diagnostics;
using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Tests.Pipeline;

[Collection(PipelineThreads.Name)]
public sealed class BatchEventProcessorTests
{
    [Theory]
    [MemberData(nameof(WaitStrategies.All), MemberType = typeof(WaitStrategies))]
    public void Halt_stops_a_consumer_waiting_for_events_promptly(string strategy)
    {
        var ring = new RingBuffer<long>(16, WaitStrategies.Create(strategy));
        var processor = BatchEventProcessor.Create(ring, ring.NewBarrier(), new CheckingHandler());
        var consumer = ConsumerThread.Start(processor);
        Thread.Sleep(50); // let it get into the wait (for the blocking strategy: into Monitor.Wait)

        var stopwatch = Stopwatch.StartNew();
        consumer.HaltAndJoin();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"Halting took {stopwatch.Elapsed}.");
        Assert.False(processor.IsRunning);
    }

    [Fact]
    public void Halt_before_Run_makes_Run_return_at_once()
    {
        var ring = new RingBuffer<long>(16, new BlockingWaitStrategy());
        var processor = BatchEventProcessor.Create(ring, ring.NewBarrier(), new CheckingHandler());

        processor.Halt();
        processor.Run();

        Assert.False(processor.IsRunning);
    }

    [Fact]
    public void Run_while_already_running_throws()
    {
        var ring = new RingBuffer<long>(16, new BlockingWaitStrategy());
        var processor = BatchEventProcessor.Create(ring, ring.NewBarrier(), new CheckingHandler());
        var consumer = ConsumerThread.Start(processor);

        Assert.Throws<InvalidOperationException>(processor.Run);

        consumer.HaltAndJoin();
    }

    [Fact]
    public void Run_after_Halt_resumes_after_the_last_processed_sequence()
    {
        var ring = new RingBuffer<long>(16, new BlockingWaitStrategy());
        var handler = new CheckingHandler();
        var processor = BatchEventProcessor.Create(ring, ring.NewBarrier(), handler);
        ring.AddGatingSequences(processor.Sequence);

        var consumer = ConsumerThread.Start(processor);
        PublishValues(ring, 10);
        ConsumerThread.WaitUntil(() => processor.Sequence.Value == 9, "the first ten events");
        consumer.HaltAndJoin();

        PublishValues(ring, 10);
        consumer = ConsumerThread.Start(processor);
        ConsumerThread.WaitUntil(() => processor.Sequence.Value == 19, "the next ten events");
        consumer.HaltAndJoin();

        Assert.Null(handler.FirstError);
        Assert.Equal(20, handler.Expected);
    }

    [Fact]
    public void Alert_from_someone_other_than_Halt_does_not_stop_the_processor()
    {
        var ring = new RingBuffer<long>(16, new YieldingWaitStrategy());
        var barrier = ring.NewBarrier();
        var handler = new CheckingHandler();
        var processor = BatchEventProcessor.Create(ring, barrier, handler);
        var consumer = ConsumerThread.Start(processor);

        barrier.Alert();
        PublishValues(ring, 5);

        ConsumerThread.WaitUntil(() => processor.Sequence.Value == 4, "the events published after the alert");
        Assert.True(processor.IsRunning);
        consumer.HaltAndJoin();
        Assert.Null(handler.FirstError);
    }

    [Fact]
    public void Handler_exception_ends_Run_and_leaves_the_failed_batch_unconsumed()
    {
        var ring = new RingBuffer<long>(16, new BlockingWaitStrategy());
        var processor = BatchEventProcessor.Create(ring, ring.NewBarrier(), new ThrowingHandler(failAt: 3));
        PublishValues(ring, 5);

        var thrown = Assert.Throws<InvalidOperationException>(processor.Run);

        Assert.Equal("event 3", thrown.Message);
        Assert.False(processor.IsRunning);
        Assert.Equal(-1, processor.Sequence.Value);
    }

    [Fact]
    public void OnBatchStart_of_a_struct_handler_is_called_on_the_handler_itself_not_a_copy()
    {
        var ring = new RingBuffer<long>(64, new BlockingWaitStrategy());
        var results = new BatchResults();
        var processor = BatchEventProcessor.Create(ring, ring.NewBarrier(), new BatchCountingHandler(results));
        PublishValues(ring, 5);
        var consumer = ConsumerThread.Start(processor);
        ConsumerThread.WaitUntil(() => processor.Sequence.Value == 4, "the first batch");

        PublishValues(ring, 3);
        ConsumerThread.WaitUntil(() => processor.Sequence.Value == 7, "the second batch");
        consumer.HaltAndJoin();

        Assert.Equal(8, results.Events);
        Assert.Equal(results.Batches, results.EndsOfBatch);
        Assert.InRange(results.Batches, 2, 8);
        Assert.Equal(8, results.SlotsInBatches);
    }

    [Fact]
    public void OnBatchStart_of_a_class_handler_gets_each_batch_size()
    {
        var ring = new RingBuffer<long>(64, new BlockingWaitStrategy());
        var handler = new CheckingHandler();
        var processor = BatchEventProcessor.Create(ring, ring.NewBarrier(), handler);
        PublishValues(ring, 7);

        var consumer = ConsumerThread.Start(processor);
        ConsumerThread.WaitUntil(() => processor.Sequence.Value == 6, "the batch");
        consumer.HaltAndJoin();

        Assert.Null(handler.FirstError);
        Assert.Equal(1, handler.Batches);
        Assert.Equal(7, handler.LargestBatch);
        Assert.Equal(1, handler.EndsOfMultiSlotBatches);
    }

    private static void PublishValues(RingBuffer<long> ring, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var sequence = ring.Next();
            ring[sequence] = sequence;
            ring.Publish(sequence);
        }
    }

    private sealed class ThrowingHandler(long failAt) : IEventHandler<long>
    {
        public void OnEvent(ref long data, long sequence, bool endOfBatch)
        {
            if (sequence == failAt)
            {
                throw new InvalidOperationException($"event {sequence}");
            }
        }
    }

    private sealed class BatchResults
    {
        public long Events { get; set; }

        public long Batches { get; set; }

        public long EndsOfBatch { get; set; }

        public long SlotsInBatches { get; set; }
    }

    /// <summary>Counts batches in its own fields: if the processor called OnBatchStart on a boxed copy, they would stay 0.</summary>
    private struct BatchCountingHandler(BatchResults results) : IEventHandler<long>
    {
        private long _batches;
        private long _slotsInBatches;

        public void OnBatchStart(long batchSize)
        {
            _batches++;
            _slotsInBatches += batchSize;
        }

        public readonly void OnEvent(ref long data, long sequence, bool endOfBatch)
        {
            results.Events++;
            if (endOfBatch)
            {
                results.EndsOfBatch++;
                results.Batches = _batches;
                results.SlotsInBatches = _slotsInBatches;
            }
        }
    }
}
