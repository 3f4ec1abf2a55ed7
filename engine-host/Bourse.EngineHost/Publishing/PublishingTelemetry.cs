using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Bourse.EngineHost.Publishing;

/// <summary>The publisher's metrics and spans. One instance per publisher; the names are shared.</summary>
/// <remarks>
/// Metrics (meter <see cref="MeterName"/>): <c>bourse.engine.publish.events</c> (messages accepted by Event Hubs, by
/// hub), <c>.batches</c> (batches accepted, by hub), <c>.failures</c> (failed send attempts, by hub, error type and
/// whether transient), <c>.replayed</c> (events regenerated from the journal for a gap) and <c>.lag</c> (observable:
/// slots published into the out-ring and not yet handled by the publisher). Spans (source <see cref="ActivitySourceName"/>):
/// one producer span per batch sent, retries included.
/// </remarks>
internal sealed class PublishingTelemetry : IDisposable
{
    public const string MeterName = "Bourse.Engine.Publishing";
    public const string ActivitySourceName = "Bourse.Engine.Publishing";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    private static readonly object s_true = true;
    private static readonly object s_false = false;

    private readonly Meter _meter;
    private readonly Counter<long> _events;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _replayed;
    private Func<long>? _lag;

    public PublishingTelemetry()
    {
        _meter = new Meter(MeterName);
        _events = _meter.CreateCounter<long>("bourse.engine.publish.events", "{event}", "Messages Event Hubs accepted.");
        _batches = _meter.CreateCounter<long>("bourse.engine.publish.batches", "{batch}", "Batches Event Hubs accepted.");
        _failures = _meter.CreateCounter<long>("bourse.engine.publish.failures", "{attempt}", "Failed send attempts (each is retried unless the publisher stops).");
        _replayed = _meter.CreateCounter<long>("bourse.engine.publish.replayed", "{event}", "Events regenerated from the journal because they did not go through the out-ring.");
        _meter.CreateObservableGauge("bourse.engine.publish.lag", ObserveLag, "{slot}", "Out-ring slots published and not yet handled by the publisher.");
    }

    /// <summary>The meter, for listeners that want this publisher's instruments only.</summary>
    public Meter Meter => _meter;

    /// <summary>Where the lag gauge reads from (set when the publisher is attached to its ring).</summary>
    public void SetLagSource(Func<long> lag) => _lag = lag;

    public void Sent(string hub, int events)
    {
        var tag = new KeyValuePair<string, object?>("messaging.destination.name", hub);
        _batches.Add(1, tag);
        _events.Add(events, tag);
    }

    public void Failed(string hub, string errorType, bool transient) =>
        _failures.Add(
            1,
            new KeyValuePair<string, object?>("messaging.destination.name", hub),
            new KeyValuePair<string, object?>("error.type", errorType),
            new KeyValuePair<string, object?>("bourse.transient", transient ? s_true : s_false));

    public void Replayed(int events) => _replayed.Add(events);

    public void Dispose() => _meter.Dispose();

    private long ObserveLag() => _lag?.Invoke() ?? 0;
}
