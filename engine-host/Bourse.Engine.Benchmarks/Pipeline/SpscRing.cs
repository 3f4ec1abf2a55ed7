namespace Bourse.Engine.Benchmarks.Pipeline;

/// <summary>
/// A stripped-down single-producer, single-consumer ring running the production algorithm (cached wrap check, release
/// publish of the cursor, batch consume, consumer sequence written once per batch, yielding waits) on either padded or
/// unpadded sequences. Only the sequences differ between the two; nothing else in this class is padded.
/// </summary>
internal sealed class SpscRing<TSequence>
    where TSequence : struct, ISequenceAccess
{
    private const int SpinTries = 100;

    private readonly long[] _slots;
    private readonly long _mask;
    private readonly int _size;
    private readonly TSequence _cursor;
    private readonly TSequence _consumed;
    private readonly Thread _consumer;
    private long _next = -1;
    private long _cachedConsumed = -1;
    private bool _running = true;

    /// <param name="size">Slots, a power of two.</param>
    /// <param name="cursor">The producer's published sequence.</param>
    /// <param name="consumed">The consumer's sequence.</param>
    public SpscRing(int size, TSequence cursor, TSequence consumed)
    {
        _slots = new long[size];
        _mask = size - 1;
        _size = size;
        _cursor = cursor;
        _consumed = consumed;
        _consumer = new Thread(Consume) { IsBackground = true, Name = "spsc consumer" };
        _consumer.Start();
    }

    /// <summary>What the consumer has read, summed, so its reads cannot be optimised away.</summary>
    public long Checksum { get; private set; }

    public void Publish(long value)
    {
        var next = _next + 1;
        var wrapPoint = next - _size;
        if (wrapPoint > _cachedConsumed)
        {
            var spin = default(SpinWait);
            while (wrapPoint > (_cachedConsumed = _consumed.Value))
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        _slots[next & _mask] = value;
        _next = next;
        _cursor.SetValue(next);
    }

    /// <summary>Waits until the consumer has read everything published.</summary>
    public void Drain()
    {
        var spin = default(SpinWait);
        while (_consumed.Value != _next)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    public void Stop()
    {
        Volatile.Write(ref _running, false);
        _consumer.Join();
    }

    private void Consume()
    {
        var next = 0L;
        var sum = 0L;
        while (Volatile.Read(ref _running))
        {
            var counter = SpinTries;
            long available;
            while ((available = _cursor.Value) < next && Volatile.Read(ref _running))
            {
                if (counter > 0)
                {
                    counter--;
                }
                else
                {
                    Thread.Yield();
                }
            }

            for (; next <= available; next++)
            {
                sum += _slots[next & _mask];
            }

            _consumed.SetValue(available);
        }

        Checksum = sum;
    }
}
