namespace Bourse.EngineHost.Topology;

/// <summary>Where the platform cannot pin threads: every pin fails with <see cref="Reason"/>, and affinity is unknown.</summary>
/// <param name="reason">Why pinning is unavailable, for the log line of each failed pin.</param>
internal sealed class UnavailableCpuAffinity(string reason) : ICpuAffinity
{
    public string Reason { get; } = reason;

    public bool TryPinCurrentThread(int cpu, out string? error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        error = Reason;
        return false;
    }

    public IReadOnlyList<int> GetCurrentThreadAffinity() => [];
}
