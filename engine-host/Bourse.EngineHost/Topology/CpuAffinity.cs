using System.Runtime.InteropServices;

namespace Bourse.EngineHost.Topology;

/// <summary>Chooses the <see cref="ICpuAffinity"/> for the platform the process runs on.</summary>
internal static class CpuAffinity
{
    /// <summary>The CPUs a glibc <c>cpu_set_t</c> can name (CPU_SETSIZE), and so the CPU ids this host can pin to: 0 to
    /// this minus 1.</summary>
    public const int MaxCpus = 1024;

    /// <summary><see cref="LinuxCpuAffinity"/> on Linux; elsewhere an <see cref="UnavailableCpuAffinity"/> that says why.</summary>
    public static ICpuAffinity ForCurrentPlatform() => OperatingSystem.IsLinux()
        ? new LinuxCpuAffinity()
        : new UnavailableCpuAffinity($"CPU pinning needs Linux (sched_setaffinity); this is {RuntimeInformation.OSDescription}");
}
