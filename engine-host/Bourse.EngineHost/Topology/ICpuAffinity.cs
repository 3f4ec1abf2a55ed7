namespace Bourse.EngineHost.Topology;

/// <summary>
/// The operating system's CPU affinity for the calling thread. <see cref="CpuAffinity.ForCurrentPlatform"/> gives
/// <see cref="LinuxCpuAffinity"/> on Linux and <see cref="UnavailableCpuAffinity"/> elsewhere; tests use a fake.
/// </summary>
/// <remarks>Both members act on the thread that calls them, so pin from the thread itself (as
/// <see cref="ShardThreadStarter"/> does), first thing.</remarks>
internal interface ICpuAffinity
{
    /// <summary>Restricts the calling thread to <paramref name="cpu"/>.</summary>
    /// <param name="cpu">A CPU id, 0 or more.</param>
    /// <param name="error">Why it failed, for a log line; <see langword="null"/> on success.</param>
    /// <returns>Whether the thread is now pinned. Never throws for a CPU that does not exist or cannot be used.</returns>
    bool TryPinCurrentThread(int cpu, out string? error);

    /// <summary>The CPUs the calling thread may run on, ascending; empty where the platform cannot say.</summary>
    IReadOnlyList<int> GetCurrentThreadAffinity();
}
