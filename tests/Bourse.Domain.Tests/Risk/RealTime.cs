namespace Bourse.Domain.Tests.Risk;

/// <summary>
/// Tests that measure wall-clock time (deadlines, parallelism, throughput bounds) run one at a time, never beside the
/// CPU-heavy property tests: on a two-core machine those would starve the thread pool and the measurement with it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTime
{
    public const string Name = "Real time";
}
