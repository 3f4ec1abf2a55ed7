using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Bourse.EngineHost.Sharding;

/// <summary>
/// The shards' instruments (System.Diagnostics.Metrics, exported by OpenTelemetry where a host configures it): commands
/// matched, the command ring's depth, and each command's time from submission to matched and to committed (durable).
/// </summary>
/// <remarks>
/// Recorded on the commit thread, once per batch (the matching thread only stamps the batch's end): counters with one
/// tag and histogram records are allocation-free when nobody listens, and cheap when someone does.
/// </remarks>
internal static class ShardMetrics
{
    public const string MeterName = "Bourse.EngineHost.Shards";

    private static readonly Meter Meter = new(MeterName);

    public static Counter<long> Commands { get; } = Meter.CreateCounter<long>("bourse.engine.commands", "{command}", "Commands matched (journalled and applied to a book).");

    public static Histogram<double> MatchLatency { get; } = Meter.CreateHistogram<double>(
        "bourse.engine.match.latency", "us", "From submission to the shard until the command's batch is matched (journal written, not yet synced).");

    public static Histogram<double> CommitLatency { get; } = Meter.CreateHistogram<double>(
        "bourse.engine.commit.latency", "us", "From submission to the shard until the command's batch is matched and durable (fsynced as the flush policy says).");

    private static readonly ConcurrentDictionary<string, Func<long>> QueueDepths = new();

    private static readonly ObservableGauge<long> QueueDepth = Meter.CreateObservableGauge(
        "bourse.engine.queue.depth",
        () => QueueDepths.Select(shard => new Measurement<long>(shard.Value(), new KeyValuePair<string, object?>("shard", shard.Key))),
        "{command}",
        "Commands waiting in a shard's ring.");

    /// <summary>Reports a shard's ring depth (published but not yet matched) through the queue-depth gauge.</summary>
    public static void ObserveQueueDepth(string shard, Func<long> depth) => QueueDepths[shard] = depth;

    /// <summary>Stops reporting a shard's ring depth.</summary>
    public static void ForgetQueueDepth(string shard) => QueueDepths.TryRemove(shard, out _);

    public static double Microseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMicroseconds;
}
