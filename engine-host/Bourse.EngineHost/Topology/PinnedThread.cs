namespace Bourse.EngineHost.Topology;

/// <summary>A thread started by <see cref="ShardThreadStarter"/>.</summary>
internal sealed class PinnedThread(Thread thread, int cpu, Task<PinningResult> pinning)
{
    public Thread Thread { get; } = thread;

    public string Name => Thread.Name ?? string.Empty;

    /// <summary>The CPU the thread was to be pinned to.</summary>
    public int Cpu { get; } = cpu;

    /// <summary>Completes once the thread has tried to pin itself, before it runs its work.</summary>
    public Task<PinningResult> Pinning { get; } = pinning;

    /// <summary>Waits for the thread to finish its work.</summary>
    public bool Join(TimeSpan timeout) => Thread.Join(timeout);
}
