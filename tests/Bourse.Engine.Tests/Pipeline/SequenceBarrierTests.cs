using System.Diagnostics;
using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Tests.Pipeline;

[Collection(PipelineThreads.Name)]
public sealed class SequenceBarrierTests
{
    [Fact]
    public void WaitFor_returns_the_highest_published_sequence_so_the_caller_can_batch()
    {
        var ring = new RingBuffer<long>(16, new BusySpinWaitStrategy());
        ring.Publish(ring.Next(5));
        var barrier = ring.NewBarrier();

        Assert.Equal(4, barrier.WaitFor(0));
        Assert.Equal(4, barrier.WaitFor(3));
        Assert.Equal(4, barrier.Cursor);
    }

    [Fact]
    public void WaitFor_on_a_later_stage_returns_the_slowest_upstream_sequence()
    {
        var ring = new RingBuffer<long>(16, new BusySpinWaitStrategy());
        ring.Publish(ring.Next(10));
        var stageA1 = new Sequence(5);
        var stageA2 = new Sequence(3);
        var barrier = ring.NewBarrier(stageA1, stageA2);

        Assert.Equal(3, barrier.DependentSequence);
        Assert.Equal(3, barrier.WaitFor(2));
        Assert.Equal(9, barrier.Cursor);
    }

    [Fact]
    public void WaitFor_on_an_alerted_barrier_throws_even_when_the_sequence_is_available()
    {
        var ring = new RingBuffer<long>(16, new BusySpinWaitStrategy());
        ring.Publish(ring.Next());
        var barrier = ring.NewBarrier();

        barrier.Alert();

        Assert.True(barrier.IsAlerted);
        Assert.Throws<AlertException>(() => barrier.WaitFor(0));
        barrier.ClearAlert();
        Assert.False(barrier.IsAlerted);
        Assert.Equal(0, barrier.WaitFor(0));
    }

    [Theory]
    [MemberData(nameof(WaitStrategies.All), MemberType = typeof(WaitStrategies))]
    public void WaitFor_returns_once_another_thread_publishes(string strategy)
    {
        var ring = new RingBuffer<long>(16, WaitStrategies.Create(strategy));
        var barrier = ring.NewBarrier();
        var available = new Sequence(long.MinValue);
        var waiter = new Thread(() => available.SetValue(barrier.WaitFor(0))) { IsBackground = true, Name = "waiter" };
        waiter.Start();
        Thread.Sleep(50);

        ring.Publish(ring.Next(3));

        Assert.True(waiter.Join(ConsumerThread.Deadline), "WaitFor did not return after the publish.");
        Assert.True(available.Value >= 0, $"WaitFor returned {available.Value}.");
    }

    [Theory]
    [MemberData(nameof(WaitStrategies.All), MemberType = typeof(WaitStrategies))]
    public void Alert_gets_a_waiting_consumer_out_promptly_with_AlertException(string strategy)
    {
        var ring = new RingBuffer<long>(16, WaitStrategies.Create(strategy));
        var barrier = ring.NewBarrier();
        Exception? thrown = null;
        var waiter = new Thread(() =>
        {
            try
            {
                barrier.WaitFor(0);
            }
            catch (Exception ex)
            {
                thrown = ex;
            }
        })
        { IsBackground = true, Name = "waiter" };
        waiter.Start();
        Thread.Sleep(50);

        var stopwatch = Stopwatch.StartNew();
        barrier.Alert();

        Assert.True(waiter.Join(ConsumerThread.Deadline), "The alerted waiter did not return.");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"The alert took {stopwatch.Elapsed}.");
        Assert.IsType<AlertException>(thrown);
    }

    [Theory]
    [MemberData(nameof(WaitStrategies.All), MemberType = typeof(WaitStrategies))]
    public void Later_stage_waits_for_its_upstream_consumer_not_only_for_the_cursor(string strategy)
    {
        var ring = new RingBuffer<long>(16, WaitStrategies.Create(strategy));
        var upstream = new Sequence();
        var barrier = ring.NewBarrier(upstream);
        ring.Publish(ring.Next(4));
        var available = new Sequence(long.MinValue);
        var waiter = new Thread(() => available.SetValue(barrier.WaitFor(0))) { IsBackground = true, Name = "waiter" };
        waiter.Start();

        Assert.False(waiter.Join(TimeSpan.FromMilliseconds(100)), "The later stage ran ahead of its upstream consumer.");

        upstream.SetValue(1);

        Assert.True(waiter.Join(ConsumerThread.Deadline), "The later stage did not see its upstream consumer move.");
        Assert.Equal(1, available.Value);
    }
}
