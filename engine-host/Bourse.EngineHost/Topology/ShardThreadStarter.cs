using Bourse.EngineHost.Configuration;
using Microsoft.Extensions.Logging;

namespace Bourse.EngineHost.Topology;

/// <summary>
/// Pins threads to their CPUs: a new named thread that pins itself and then runs its work (<see cref="Start"/>), or the
/// calling thread (<see cref="PinCurrentThread"/>, what a <see cref="Sharding.ShardPipeline"/>'s matching thread runs
/// first, see <see cref="Configuration.EngineHostShards"/>). A pin that fails is a warning in the log and one on
/// <see cref="PinningMetrics.FailuresName"/>, and the thread runs anyway, unpinned: a host that cannot pin (a laptop,
/// a container without the CPU) still works, only slower, and says so.
/// </summary>
internal sealed partial class ShardThreadStarter(ICpuAffinity affinity, PinningMetrics metrics, ILogger<ShardThreadStarter> logger)
{
    /// <summary>The prefix of a matching thread's name, as <see cref="Sharding.ShardPipeline"/> names its thread; Linux
    /// shows the first 15 characters of a thread's name.</summary>
    public const string MatchingThreadPrefix = "M:";

    /// <summary>Starts a thread named <c>M:NAME</c> for <paramref name="shard"/>, pinned to its CPU.</summary>
    public PinnedThread StartShard(ShardConfig shard, Action work)
    {
        ArgumentNullException.ThrowIfNull(shard);
        return Start(MatchingThreadPrefix + shard.Name, shard.Cpu, work);
    }

    /// <summary>Starts a foreground thread named <paramref name="name"/> that pins itself to <paramref name="cpu"/> and
    /// then runs <paramref name="work"/>. An exception from <paramref name="work"/> is unhandled: it ends the process.</summary>
    public PinnedThread Start(string name, int cpu, Action work)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentNullException.ThrowIfNull(work);
        var pinning = new TaskCompletionSource<PinningResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                pinning.SetResult(Pin(name, cpu));
            }
            catch (Exception e)
            {
                pinning.TrySetException(e);
                throw;
            }

            work();
        })
        {
            Name = name,
        };
        thread.Start();
        return new PinnedThread(thread, cpu, pinning.Task);
    }

    /// <summary>Pins the calling thread to <paramref name="cpu"/>, logs and counts the outcome under the thread's name.</summary>
    public PinningResult PinCurrentThread(int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        return Pin(Thread.CurrentThread.Name ?? $"thread {Environment.CurrentManagedThreadId}", cpu);
    }

    private PinningResult Pin(string name, int cpu)
    {
        bool pinned = affinity.TryPinCurrentThread(cpu, out string? error);
        IReadOnlyList<int> now = affinity.GetCurrentThreadAffinity();
        if (pinned)
        {
            LogPinned(name, cpu);
        }
        else
        {
            error ??= "no reason given";
            metrics.PinningFailed(name, cpu);
            LogNotPinned(name, cpu, error, CpuList.Format(now) is { Length: > 0 } cpus ? cpus : "unknown");
        }

        return new PinningResult(name, cpu, pinned, pinned ? null : error, now);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Thread {Thread} pinned to CPU {Cpu}")]
    private partial void LogPinned(string thread, int cpu);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Thread {Thread} could not be pinned to CPU {Cpu} and runs unpinned (CPUs {Affinity}): {Error}")]
    private partial void LogNotPinned(string thread, int cpu, string error, string affinity);
}
