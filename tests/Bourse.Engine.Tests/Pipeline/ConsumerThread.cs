using System.Runtime.ExceptionServices;
using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Tests.Pipeline;

/// <summary>Runs a <see cref="BatchEventProcessor{T, THandler}"/> on a background thread and stops it with a deadline.</summary>
internal sealed class ConsumerThread
{
    /// <summary>Longest a test waits for a thread to start, stop or catch up. Failing tests fail within it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(4);

    private readonly Thread _thread;
    private readonly Func<bool> _isRunning;
    private readonly Action _halt;
    private Exception? _failure;

    private ConsumerThread(string name, Action run, Func<bool> isRunning, Action halt)
    {
        _isRunning = isRunning;
        _halt = halt;
        _thread = new Thread(() =>
        {
            try
            {
                run();
            }
            catch (Exception ex)
            {
                _failure = ex;
            }
        })
        { IsBackground = true, Name = name };
    }

    public static ConsumerThread Start<T, THandler>(BatchEventProcessor<T, THandler> processor, string name = "consumer")
        where T : struct
        where THandler : IEventHandler<T>
    {
        var thread = new ConsumerThread(name, processor.Run, () => processor.IsRunning, processor.Halt);
        thread._thread.Start();
        WaitUntil(() => processor.IsRunning, "the processor to start");
        return thread;
    }

    /// <summary>Halts the processor and waits for its thread; rethrows what the processor threw.</summary>
    public void HaltAndJoin()
    {
        _halt();
        Join();
    }

    /// <summary>Waits for the thread to end (the processor to return); rethrows what the processor threw.</summary>
    public void Join()
    {
        Assert.True(_thread.Join(Deadline), "The consumer thread did not stop within the deadline.");
        Assert.False(_isRunning());
        if (_failure is not null)
        {
            ExceptionDispatchInfo.Capture(_failure).Throw();
        }
    }

    /// <summary>Spins (yielding) until <paramref name="condition"/> holds, failing after <see cref="Deadline"/>.</summary>
    public static void WaitUntil(Func<bool> condition, string what)
    {
        Assert.True(SpinWait.SpinUntil(condition, Deadline), $"Timed out waiting for {what}.");
    }
}
