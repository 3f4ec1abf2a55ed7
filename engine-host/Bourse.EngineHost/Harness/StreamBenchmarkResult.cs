using System.Text.Json.Serialization;

namespace Bourse.EngineHost.Harness;

/// <summary>The summary <c>bench</c> prints; the JSON field names are part of its contract with outside checks.</summary>
internal sealed record StreamBenchmarkResult(
    [property: JsonPropertyName("commands")] long Commands,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("trades")] long Trades,
    [property: JsonPropertyName("tradedQty")] long TradedQuantity,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("commandsPerSecond")] double CommandsPerSecond,
    [property: JsonPropertyName("allocatedBytes")] long AllocatedBytes)
{
    /// <summary>How many timed passes ran; the other fields are of the median pass.</summary>
    [JsonPropertyName("passes")]
    public int Passes { get; init; } = 1;

    [JsonPropertyName("bestCommandsPerSecond")]
    public double BestCommandsPerSecond { get; init; }

    [JsonPropertyName("tradesSha256")]
    public string TradesSha256 { get; init; } = "";

    [JsonPropertyName("bookSha256")]
    public string BookSha256 { get; init; } = "";

    [JsonIgnore]
    public ReadOnlyMemory<byte> TradesCsv { get; init; }

    [JsonIgnore]
    public ReadOnlyMemory<byte> BookCsv { get; init; }
}
