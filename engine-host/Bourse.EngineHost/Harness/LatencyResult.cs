using System.Diagnostics;
using System.Text.Json.Serialization;
using HdrHistogram;

namespace Bourse.EngineHost.Harness;

/// <summary>What <c>latency</c> prints: percentiles in microseconds from scheduled send to last event published.</summary>
internal sealed record LatencyResult(
    [property: JsonPropertyName("commands")] long Commands,
    [property: JsonPropertyName("offeredRate")] long OfferedRate,
    [property: JsonPropertyName("achievedRate")] double AchievedRate,
    [property: JsonPropertyName("lateSends")] long LateSends,
    [property: JsonPropertyName("p50Us")] double P50,
    [property: JsonPropertyName("p90Us")] double P90,
    [property: JsonPropertyName("p99Us")] double P99,
    [property: JsonPropertyName("p999Us")] double P999,
    [property: JsonPropertyName("p9999Us")] double P9999,
    [property: JsonPropertyName("maxUs")] double Max)
{
    public static LatencyResult From(HistogramBase histogram, long commands, long offeredRate, double seconds, long lateSends)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        double Us(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
        return new LatencyResult(
            commands,
            offeredRate,
            commands / seconds,
            lateSends,
            Us(histogram.GetValueAtPercentile(50)),
            Us(histogram.GetValueAtPercentile(90)),
            Us(histogram.GetValueAtPercentile(99)),
            Us(histogram.GetValueAtPercentile(99.9)),
            Us(histogram.GetValueAtPercentile(99.99)),
            Us(histogram.GetMaxValue()));
    }
}
