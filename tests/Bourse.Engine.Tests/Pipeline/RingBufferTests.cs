using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Tests.Pipeline;

[Collection(PipelineThreads.Name)]
public sealed class RingBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-8)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Constructor_with_a_size_that_is_not_a_positive_power_of_two_throws(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>("bufferSize", () => new RingBuffer<long>(size, new BusySpinWaitStrategy()));
    }

    [Fact]
    public void New_ring_has_its_size_and_a_cursor_of_minus_one()
    {
        var ring = new RingBuffer<long>(16, new BusySpinWaitStrategy());

        Assert.Equal(16, ring.BufferSize);
        Assert.Equal(-1, ring.Cursor);
    }

    [Fact]
    public void Next_claims_consecutive_sequences_from_zero_and_Publish_moves_the_cursor()
    {
        var ring = new RingBuffer<long>(4, new BusySpinWaitStrategy());

        Assert.Equal(0, ring.Next());
        Assert.Equal(-1, ring.Cursor);
        ring.Publish(0);
        Assert.Equal(0, ring.Cursor);
        Assert.Equal(1, ring.Next());
        Assert.Equal(4, ring.Next(3));
        ring.Publish(2, 4);
        Assert.Equal(4, ring.Cursor);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(9)]
    public void Claiming_fewer_than_one_or_more_than_the_buffer_size_throws(int slots)
    {
        var ring = new RingBuffer<long>(8, new BusySpinWaitStrategy());

        Assert.Throws<ArgumentOutOfRangeException>("n", () => ring.Next(slots));
        Assert.Throws<ArgumentOutOfRangeException>("n", () => ring.TryNext(slots, out _));
    }

    [Fact]
    public void Slots_are_written_and_read_in_place_and_reused_one_lap_later()
    {
        var ring = new RingBuffer<long>(4, new BusySpinWaitStrategy());

        ring[2] = 42;

        Assert.Equal(42, ring[2]);
        Assert.Equal(42, ring[6]);
        ring[6]++;
        Assert.Equal(43, ring[2]);
    }

    [Fact]
    public void Without_gating_sequences_the_producer_never_waits()
    {
        var ring = new RingBuffer<long>(4, new BusySpinWaitStrategy());

        for (var i = 0; i < 100; i++)
        {
            ring.Publish(ring.Next());
        }

        Assert.Equal(99, ring.Cursor);
        Assert.True(ring.TryNext(4, out var hi));
        Assert.Equal(103, hi);
    }

    [Fact]
    public void TryNext_returns_false_when_the_ring_is_full_and_the_consumer_is_stalled()
    {
        var ring = new RingBuffer<long>(8, new BusySpinWaitStrategy());
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);

        for (var expected = 0L; expected < 8; expected++)
        {
            Assert.True(ring.TryNext(out var sequence));
            Assert.Equal(expected, sequence);
            ring.Publish(sequence);
        }

        Assert.False(ring.TryNext(out _));
        Assert.False(ring.TryNext(out _));

        consumer.SetValue(0);
        Assert.True(ring.TryNext(out var next));
        Assert.Equal(8, next);
        Assert.False(ring.TryNext(out _));
    }

    [Fact]
    public void TryNext_of_n_with_fewer_than_n_free_claims_nothing()
    {
        var ring = new RingBuffer<long>(8, new BusySpinWaitStrategy());
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        Assert.True(ring.TryNext(6, out var hi));
        Assert.Equal(5, hi);
        ring.Publish(0, hi);

        Assert.False(ring.TryNext(3, out _));

        Assert.True(ring.TryNext(2, out hi));
        Assert.Equal(7, hi);
    }

    [Fact]
    public void Next_blocks_while_the_ring_is_full_and_returns_once_the_consumer_frees_a_slot()
    {
        var ring = new RingBuffer<long>(4, new BusySpinWaitStrategy());
        var consumer = new Sequence();
        ring.AddGatingSequences(consumer);
        for (var i = 0; i < 4; i++)
        {
            ring.Publish(ring.Next());
        }

        var claimed = new Sequence(long.MinValue);
        var producer = new Thread(() => claimed.SetValue(ring.Next())) { IsBackground = true, Name = "producer" };
        producer.Start();

        Assert.False(producer.Join(TimeSpan.FromMilliseconds(200)), "Next returned while the ring was full.");
        Assert.Equal(long.MinValue, claimed.Value);

        consumer.SetValue(0);

        Assert.True(producer.Join(ConsumerThread.Deadline), "Next did not return after a slot was freed.");
        Assert.Equal(4, claimed.Value);
    }

    [Fact]
    public void AddGatingSequences_starts_new_consumers_at_the_cursor()
    {
        var ring = new RingBuffer<long>(8, new BusySpinWaitStrategy());
        ring.Publish(ring.Next(5));
        var late = new Sequence();

        ring.AddGatingSequences(late);

        Assert.Equal(4, late.Value);
        Assert.True(ring.TryNext(8, out var hi));
        Assert.Equal(12, hi);
        Assert.False(ring.TryNext(out _));
    }

    [Fact]
    public void Producer_is_gated_by_the_slowest_of_several_consumers()
    {
        var ring = new RingBuffer<long>(4, new BusySpinWaitStrategy());
        var fast = new Sequence();
        var slow = new Sequence();
        ring.AddGatingSequences(fast, slow);
        ring.Publish(ring.Next(4));

        fast.SetValue(3);
        Assert.False(ring.TryNext(out _));

        slow.SetValue(1);
        Assert.True(ring.TryNext(2, out var hi));
        Assert.Equal(5, hi);
        Assert.False(ring.TryNext(out _));
    }

    [Fact]
    public void Null_sequences_are_rejected_when_gating_and_when_making_barriers()
    {
        var ring = new RingBuffer<long>(4, new BusySpinWaitStrategy());

        Assert.Throws<ArgumentNullException>("gatingSequences", () => ring.AddGatingSequences(new Sequence(), null!));
        Assert.Throws<ArgumentNullException>("dependents", () => ring.NewBarrier(null!));
        Assert.Throws<ArgumentNullException>("dependents", () => ring.NewBarrier(new Sequence(), null!));
    }
}
