using System.Diagnostics.Metrics;

namespace Bourse.EngineHost.Topology;

/// <summary>The pinning metrics of meter <c>Bourse.EngineHost</c>.</summary>
internal sealed class PinningMetrics
{
    /// <summary>The meter's name, for OpenTelemetry's <c>AddMeter</c>.</summary>
    public const string MeterName = "Bourse.EngineHost";

    /// <summary>Counter: threads that could not be pinned to their configured CPU; tags <c>thread</c> and <c>cpu</c>.</summary>
    public const string FailuresName = "bourse.engine.pinning.failures";

    private readonly Counter<long> _failures;

    public PinningMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _failures = Meter.CreateCounter<long>(FailuresName, unit: "{thread}",
            description: "Threads that could not be pinned to their configured CPU and run unpinned");
    }

    public Meter Meter { get; }

    public void PinningFailed(string thread, int cpu) =>
        _failures.Add(1, new KeyValuePair<string, object?>("thread", thread), new KeyValuePair<string, object?>("cpu", cpu));
}
