using System.Text.Json.Serialization;

namespace Bourse.EngineHost.Harness;

/// <summary>What <c>load</c> prints: requests per second and round trips (send → first report) in microseconds.</summary>
internal sealed record LoadResult(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("streams")] int Streams,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("requestsPerSecond")] double RequestsPerSecond,
    [property: JsonPropertyName("p50Us")] double P50,
    [property: JsonPropertyName("p90Us")] double P90,
    [property: JsonPropertyName("p99Us")] double P99,
    [property: JsonPropertyName("p999Us")] double P999,
    [property: JsonPropertyName("maxUs")] double Max)
{
    /// <summary>
    /// The requests the engine accepted (those whose first report was not a rejection) per second: a generated stream
    /// also cancels and replaces orders that have already traded, which the engine judges and rejects.
    /// </summary>
    [JsonPropertyName("acceptedPerSecond")]
    public double AcceptedPerSecond => (Requests - Rejected) / Seconds;

    /// <summary>
    /// This (client) process's CPU time during the pass divided by the requests, in microseconds: what the load client
    /// itself costs per request (every thread: writing, reading, parsing, GC, JIT). On a shared machine the host gets
    /// what the client leaves, so this is half of the budget.
    /// </summary>
    [JsonPropertyName("clientCpuUsPerRequest")]
    public double ClientCpuUsPerRequest { get; init; }

    /// <summary>
    /// Garbage collections in this (client) process during the pass, and the time they paused it: a round trip that
    /// straddles a pause counts the pause, so a tail that moves with these is the client's, not the host's.
    /// </summary>
    [JsonPropertyName("clientGcCount")]
    public int ClientGcCount { get; init; }

    /// <inheritdoc cref="ClientGcCount"/>
    [JsonPropertyName("clientGcPauseMs")]
    public double ClientGcPauseMs { get; init; }

    /// <summary>Every pass of the run, in order, when there was more than one; the result itself is the median pass.</summary>
    [JsonPropertyName("passes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LoadResult>? Passes { get; init; }
}
