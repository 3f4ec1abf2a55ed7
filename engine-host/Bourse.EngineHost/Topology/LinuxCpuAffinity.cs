using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Bourse.EngineHost.Topology;

/// <summary>
/// <c>sched_setaffinity</c> and <c>sched_getaffinity</c> from libc, with pid 0 (the calling thread: on Linux these
/// calls take a thread id) and a fixed-size <c>cpu_set_t</c> of 1024 bits, as glibc declares it.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LinuxCpuAffinity : ICpuAffinity
{
    private const int MaxCpus = CpuAffinity.MaxCpus;
    private const int MaskWords = MaxCpus / 64;
    private const int EINVAL = 22;

    public unsafe bool TryPinCurrentThread(int cpu, out string? error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        if (cpu >= MaxCpus)
        {
            error = $"sched_setaffinity: CPU {cpu} is beyond the {MaxCpus} CPUs a cpu_set_t can name";
            return false;
        }

        ulong* mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        mask[cpu / 64] = 1UL << (cpu % 64);
        if (SchedSetAffinity(0, MaskWords * sizeof(ulong), mask) == 0)
        {
            error = null;
            return true;
        }

        int errno = Marshal.GetLastPInvokeError();
        error = $"sched_setaffinity to CPU {cpu} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})" + (errno == EINVAL
            ? "; the CPU does not exist, is offline, or is outside the CPUs this process may use (numactl, taskset, the systemd unit's CPUAffinity, a cgroup cpuset)"
            : string.Empty);
        return false;
    }

    public unsafe IReadOnlyList<int> GetCurrentThreadAffinity()
    {
        ulong* mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        if (SchedGetAffinity(0, MaskWords * sizeof(ulong), mask) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "sched_getaffinity failed");
        }

        var cpus = new List<int>();
        for (int word = 0; word < MaskWords; word++)
        {
            for (ulong bits = mask[word]; bits != 0; bits &= bits - 1)
            {
                cpus.Add((word * 64) + System.Numerics.BitOperations.TrailingZeroCount(bits));
            }
        }

        return cpus;
    }

    // int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask); 0 or -1 and errno.
    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static unsafe partial int SchedSetAffinity(int pid, nuint cpusetsize, ulong* mask);

    // int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask); 0 or -1 and errno (glibc's wrapper).
    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static unsafe partial int SchedGetAffinity(int pid, nuint cpusetsize, ulong* mask);
}
