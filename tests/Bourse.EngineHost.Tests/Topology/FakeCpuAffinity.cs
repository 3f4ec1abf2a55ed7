using System.Collections.Concurrent;
using Bourse.EngineHost.Topology;

namespace Bourse.EngineHost.Tests.Topology;

/// <summary>Records each pin (which thread asked for which CPU); refuses the CPUs it is told to, as the kernel does an
/// absent CPU. A thread's affinity is the CPU it was pinned to, or <see cref="AllCpus"/>.</summary>
internal sealed class FakeCpuAffinity(params int[] refusedCpus) : ICpuAffinity
{
    [ThreadStatic]
    private static int? t_pinnedTo;

    public IReadOnlyList<int> AllCpus { get; init; } = [0, 1, 2, 3];

    /// <summary>Every call of <see cref="TryPinCurrentThread"/>: the calling thread's name and the CPU asked for.</summary>
    public ConcurrentQueue<(string? Thread, int Cpu)> Pins { get; } = new();

    public bool TryPinCurrentThread(int cpu, out string? error)
    {
        Pins.Enqueue((Thread.CurrentThread.Name, cpu));
        if (refusedCpus.Contains(cpu))
        {
            error = $"fake: CPU {cpu} refused";
            return false;
        }

        t_pinnedTo = cpu;
        error = null;
        return true;
    }

    public IReadOnlyList<int> GetCurrentThreadAffinity() => t_pinnedTo is { } cpu ? [cpu] : AllCpus;
}
