using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Benchmarks.Pipeline;

/// <summary>
/// What cache-line padding buys in the pipeline (CONVENTIONS.md item 5: a padded type is benchmarked against its
/// unpadded version).
/// <list type="bullet">
/// <item>
/// Throughput: one producer thread publishes <see cref="Items"/> longs through a 1,024-slot ring to one consumer thread
/// (yielding waits on both sides); results are per item. The baseline is <see cref="SpscRing{TSequence}"/> on
/// <see cref="UnpaddedSequence"/>s, against the same ring on padded <see cref="Sequence"/>s, and against the
/// production <see cref="RingBuffer{T}"/> with a <see cref="BatchEventProcessor{T, THandler}"/>.
/// </item>
/// <item>
/// False sharing: two threads each increment their own counter <see cref="Increments"/> times (a volatile read and
/// write per increment, as <see cref="Sequence.SetValue"/> does), with the counters adjacent (baseline) or padded
/// apart; results are per increment.
/// </item>
/// </list>
/// </summary>
/// <remarks>
/// Workload: two busy threads (producer and consumer, or the two incrementers) plus BenchmarkDotNet's own. Hardware:
/// at least two otherwise idle physical cores, ideally pinned; on a shared or two-vCPU machine the numbers are noisy
/// and only the ratios within a category mean anything.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RingBufferBenchmarks
{
    public const int Items = 1_000_000;
    public const int Increments = 10_000_000;
    private const int RingSize = 1024;
    private const string Throughput = "Throughput";
    private const string FalseSharing = "FalseSharing";

    private SpscRing<UnpaddedSequenceAccess> _unpaddedRing = null!;
    private SpscRing<PaddedSequenceAccess> _paddedRing = null!;
    private RingBuffer<long> _ringBuffer = null!;
    private BatchEventProcessor<long, SumHandler> _processor = null!;
    private Thread _processorThread = null!;

    [GlobalSetup(Target = nameof(UnpaddedSequences))]
    public void SetupUnpadded() =>
        // Allocated back to back, as two small objects made together are: usually on one cache line.
        _unpaddedRing = new SpscRing<UnpaddedSequenceAccess>(RingSize, new(new UnpaddedSequence()), new(new UnpaddedSequence()));

    [GlobalCleanup(Target = nameof(UnpaddedSequences))]
    public void CleanupUnpadded() => _unpaddedRing.Stop();

    [GlobalSetup(Target = nameof(PaddedSequences))]
    public void SetupPadded() =>
        _paddedRing = new SpscRing<PaddedSequenceAccess>(RingSize, new(new Sequence()), new(new Sequence()));

    [GlobalCleanup(Target = nameof(PaddedSequences))]
    public void CleanupPadded() => _paddedRing.Stop();

    [GlobalSetup(Target = nameof(RingBufferWithBatchEventProcessor))]
    public void SetupRingBuffer()
    {
        _ringBuffer = new RingBuffer<long>(RingSize, new YieldingWaitStrategy());
        _processor = BatchEventProcessor.Create(_ringBuffer, _ringBuffer.NewBarrier(), default(SumHandler));
        _ringBuffer.AddGatingSequences(_processor.Sequence);
        _processorThread = new Thread(_processor.Run) { IsBackground = true, Name = "ring consumer" };
        _processorThread.Start();
    }

    [GlobalCleanup(Target = nameof(RingBufferWithBatchEventProcessor))]
    public void CleanupRingBuffer()
    {
        _processor.Halt();
        _processorThread.Join();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Items)]
    [BenchmarkCategory(Throughput)]
    public void UnpaddedSequences()
    {
        var ring = _unpaddedRing;
        for (var i = 0L; i < Items; i++)
        {
            ring.Publish(i);
        }

        ring.Drain();
    }

    [Benchmark(OperationsPerInvoke = Items)]
    [BenchmarkCategory(Throughput)]
    public void PaddedSequences()
    {
        var ring = _paddedRing;
        for (var i = 0L; i < Items; i++)
        {
            ring.Publish(i);
        }

        ring.Drain();
    }

    [Benchmark(OperationsPerInvoke = Items)]
    [BenchmarkCategory(Throughput)]
    public void RingBufferWithBatchEventProcessor()
    {
        var ring = _ringBuffer;
        long sequence = -1;
        for (var i = 0L; i < Items; i++)
        {
            sequence = ring.Next();
            ring[sequence] = i;
            ring.Publish(sequence);
        }

        var spin = default(SpinWait);
        while (_processor.Sequence.Value != sequence)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Increments)]
    [BenchmarkCategory(FalseSharing)]
    public long AdjacentCounters()
    {
        var counters = new AdjacentCounterPair();
        var other = new Thread(() => Increment(ref counters.Second)) { IsBackground = true };
        other.Start();
        Increment(ref counters.First);
        other.Join();
        return counters.First + counters.Second;
    }

    [Benchmark(OperationsPerInvoke = Increments)]
    [BenchmarkCategory(FalseSharing)]
    public long PaddedCounters()
    {
        var counters = new PaddedCounterPair();
        var other = new Thread(() => Increment(ref counters.Second.Value)) { IsBackground = true };
        other.Start();
        Increment(ref counters.First.Value);
        other.Join();
        return counters.First.Value + counters.Second.Value;
    }

    private static void Increment(ref long counter)
    {
        for (var i = 0; i < Increments; i++)
        {
            Volatile.Write(ref counter, Volatile.Read(ref counter) + 1);
        }
    }

    /// <summary>Sums what it reads so the consumer's work cannot be optimised away; a struct, so it is called directly.</summary>
    private struct SumHandler : IEventHandler<long>
    {
        private long _sum;

        public void OnEvent(ref long data, long sequence, bool endOfBatch) => _sum += data;
    }
}
