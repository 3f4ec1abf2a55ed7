namespace Bourse.EngineHost.Tests.Topology;

/// <summary>A fact about the real Linux API; skipped, and saying so, elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "needs Linux (sched_setaffinity)";
        }
    }
}
