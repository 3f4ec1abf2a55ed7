using Bourse.EngineHost.Topology;

namespace Bourse.EngineHost.Tests.Topology;

public sealed class CpuAffinityTests
{
    [Fact]
    public void The_platform_affinity_is_linux_on_linux_and_unavailable_elsewhere()
    {
        ICpuAffinity affinity = CpuAffinity.ForCurrentPlatform();

        Assert.Equal(OperatingSystem.IsLinux(), affinity is LinuxCpuAffinity);
        Assert.Equal(!OperatingSystem.IsLinux(), affinity is UnavailableCpuAffinity);
    }

    [Fact]
    public void Unavailable_affinity_refuses_every_pin_with_its_reason_and_knows_no_cpus()
    {
        var affinity = new UnavailableCpuAffinity("no pinning here");

        Assert.False(affinity.TryPinCurrentThread(0, out string? error));
        Assert.Equal("no pinning here", error);
        Assert.Empty(affinity.GetCurrentThreadAffinity());
    }
}
