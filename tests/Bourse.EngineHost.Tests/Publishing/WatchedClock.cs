using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.EngineHost.Tests.Publishing;

/// <summary>
/// A fake clock that also records the due time of every timer created on it, so that a test can wait until a retry's
/// delay has really started before it moves the clock (a retry is logged just before its delay's timer is created).
/// </summary>
internal sealed class WatchedClock : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Enqueue(dueTime);
        return timer;
    }

    /// <summary>How many timers with this due time have been created.</summary>
    public int TimersWithDueTime(TimeSpan dueTime) => _timers.Count(t => t == dueTime);
}
