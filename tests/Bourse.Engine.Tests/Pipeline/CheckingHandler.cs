using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Tests.Pipeline;

/// <summary>
/// Expects slot <c>n</c> to hold <c>n</c> and to arrive exactly once, in order; records what it saw about batches.
/// Read its fields only after the consumer thread has been joined.
/// </summary>
internal sealed class CheckingHandler : IEventHandler<long>
{
    private long _batchSize;
    private long _inBatch;

    /// <summary>The next sequence expected (also the count of events seen).</summary>
    public long Expected { get; private set; }

    public string? FirstError { get; private set; }

    public long Batches { get; private set; }

    public long LargestBatch { get; private set; }

    /// <summary>Times <c>endOfBatch</c> was true on the last slot of a batch of more than one.</summary>
    public long EndsOfMultiSlotBatches { get; private set; }

    public void OnBatchStart(long batchSize)
    {
        if (_inBatch != 0)
        {
            Fail($"batch started with {_inBatch} events of the last one unfinished");
        }

        _batchSize = batchSize;
        Batches++;
        LargestBatch = Math.Max(LargestBatch, batchSize);
    }

    public void OnEvent(ref long data, long sequence, bool endOfBatch)
    {
        if (sequence != Expected || data != Expected)
        {
            Fail($"expected {Expected}, got sequence {sequence} holding {data}");
        }

        Expected++;
        _inBatch++;
        if (endOfBatch != (_inBatch == _batchSize))
        {
            Fail($"endOfBatch was {endOfBatch} at event {_inBatch} of a batch of {_batchSize}");
        }

        if (endOfBatch)
        {
            if (_batchSize > 1)
            {
                EndsOfMultiSlotBatches++;
            }

            _inBatch = 0;
        }
    }

    private void Fail(string error) => FirstError ??= error;
}
