using System.Diagnostics.Metrics;

namespace Bourse.Adapters.EventHubs;

/// <summary>
/// The relay's counters (meter <see cref="MeterName"/>): <c>bourse.relay.received</c> (events read),
/// <c>bourse.relay.duplicates</c> (stored before), <c>bourse.relay.routed</c> (raised to a running saga),
/// <c>bourse.relay.unlinked</c> (no saga yet, or direct entry), <c>bourse.relay.saga_not_running</c> (linked saga finished
/// or unknown), <c>bourse.relay.malformed</c> (skipped), <c>bourse.relay.failures</c> (store or route failed after the
/// retries: the partition stops before the event).
/// </summary>
public sealed class ExecutionRelayMetrics : IDisposable
{
    /// <summary>The meter's name, for an OpenTelemetry <c>AddMeter</c>.</summary>
    public const string MeterName = "Bourse.Adapters.ExecutionRelay";

    private readonly Meter? _owned;

    /// <summary>Counters on a meter from <paramref name="meterFactory"/>, or on a meter of their own.</summary>
    public ExecutionRelayMetrics(IMeterFactory? meterFactory = null)
    {
        Meter = meterFactory?.Create(MeterName) ?? (_owned = new Meter(MeterName));
        Received = Meter.CreateCounter<long>("bourse.relay.received", description: "Events read from the executions hub");
        Duplicates = Meter.CreateCounter<long>("bourse.relay.duplicates", description: "Reports stored before (redeliveries)");
        Routed = Meter.CreateCounter<long>("bourse.relay.routed", description: "Reports raised to a running saga");
        Unlinked = Meter.CreateCounter<long>("bourse.relay.unlinked", description: "Reports whose order has no saga link (yet)");
        SagaNotRunning = Meter.CreateCounter<long>("bourse.relay.saga_not_running", description: "Reports of a linked saga that has finished or is unknown");
        Malformed = Meter.CreateCounter<long>("bourse.relay.malformed", description: "Events skipped as malformed");
        Failures = Meter.CreateCounter<long>("bourse.relay.failures", description: "Reports whose store or route failed after the retries");
    }

    /// <summary>The meter the counters are on.</summary>
    public Meter Meter { get; }

    internal Counter<long> Received { get; }

    internal Counter<long> Duplicates { get; }

    internal Counter<long> Routed { get; }

    internal Counter<long> Unlinked { get; }

    internal Counter<long> SagaNotRunning { get; }

    internal Counter<long> Malformed { get; }

    internal Counter<long> Failures { get; }

    /// <inheritdoc/>
    public void Dispose() => _owned?.Dispose();
}
