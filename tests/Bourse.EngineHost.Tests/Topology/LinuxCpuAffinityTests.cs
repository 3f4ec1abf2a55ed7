using System.Runtime.Versioning;
using Bourse.EngineHost.Topology;

namespace Bourse.EngineHost.Tests.Topology;

/// <summary>The real sched_setaffinity on this machine, always on a thread of the test's own.</summary>
[SupportedOSPlatform("linux")]
public sealed class LinuxCpuAffinityTests
{
    private readonly LinuxCpuAffinity _affinity = new();

    [LinuxFact]
    public void Pins_a_new_thread_to_cpu_0_and_reads_it_back()
    {
        (bool pinned, string? error, IReadOnlyList<int> after) = OnNewThread(() =>
        {
            bool ok = _affinity.TryPinCurrentThread(0, out string? error);
            return (ok, error, _affinity.GetCurrentThreadAffinity());
        });

        Assert.True(pinned, error);
        Assert.Null(error);
        Assert.Equal([0], after);
    }

    [LinuxFact]
    public void Pinning_one_thread_leaves_the_others_alone()
    {
        IReadOnlyList<int> before = _affinity.GetCurrentThreadAffinity();

        OnNewThread(() => _affinity.TryPinCurrentThread(0, out _));

        Assert.Equal(before, _affinity.GetCurrentThreadAffinity());
        Assert.Equal(before, OnNewThread(_affinity.GetCurrentThreadAffinity));
    }

    [LinuxFact]
    public void A_cpu_that_does_not_exist_is_false_with_the_reason_and_the_affinity_is_unchanged()
    {
        (bool pinned, string? error, IReadOnlyList<int> before, IReadOnlyList<int> after) = OnNewThread(() =>
        {
            IReadOnlyList<int> before = _affinity.GetCurrentThreadAffinity();
            bool ok = _affinity.TryPinCurrentThread(1000, out string? error);
            return (ok, error, before, _affinity.GetCurrentThreadAffinity());
        });

        Assert.False(pinned);
        Assert.NotNull(error);
        Assert.StartsWith("sched_setaffinity to CPU 1000 failed: ", error, StringComparison.Ordinal);
        Assert.Contains("(errno 22); the CPU does not exist, is offline, or is outside the CPUs this process may use", error, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [LinuxFact]
    public void A_cpu_beyond_cpu_set_t_is_false_without_a_call()
    {
        bool pinned = _affinity.TryPinCurrentThread(CpuAffinity.MaxCpus, out string? error);

        Assert.False(pinned);
        Assert.Equal("sched_setaffinity: CPU 1024 is beyond the 1024 CPUs a cpu_set_t can name", error);
    }

    [LinuxFact]
    public void A_negative_cpu_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _affinity.TryPinCurrentThread(-1, out _));

    [LinuxFact]
    public void The_affinity_is_within_the_online_cpus()
    {
        NumaTopology topology = NumaTopology.Read();

        Assert.All(_affinity.GetCurrentThreadAffinity(), cpu => Assert.True(topology.IsOnline(cpu), $"CPU {cpu}"));
    }

    private static T OnNewThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        return result;
    }
}
