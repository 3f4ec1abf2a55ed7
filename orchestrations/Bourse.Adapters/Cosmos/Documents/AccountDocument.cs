using System.Text.Json.Serialization;

namespace Bourse.Adapters.Cosmos.Documents;

/// <summary>
/// One account in container <c>ledger-accounts</c>: id = partition key = account id. Balances, holds and floors, and the
/// ids of the entries most recently applied to (or refused by) it: written only by compare-and-swap on its ETag.
/// </summary>
internal sealed class AccountDocument
{
    [JsonPropertyName("id")]
    public required string Id { get; set; }

    [JsonPropertyName("accountId")]
    public required string AccountId { get; set; }

    [JsonPropertyName("balances")]
    public Dictionary<string, BalanceDocument> Balances { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("holds")]
    public Dictionary<string, HoldDocument> Holds { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("floors")]
    public Dictionary<string, decimal> Floors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The entries recently applied to or refused by this account, oldest first.</summary>
    [JsonPropertyName("recent")]
    public List<EntryMarker> Recent { get; set; } = [];

    /// <summary>How many markers were ever dropped from <see cref="Recent"/>; while zero, a missing marker proves an entry never reached this account.</summary>
    [JsonPropertyName("dropped")]
    public long Dropped { get; set; }
}

internal sealed class BalanceDocument
{
    [JsonPropertyName("available")]
    public decimal Available { get; set; }

    [JsonPropertyName("held")]
    public decimal Held { get; set; }
}

internal sealed class HoldDocument
{
    [JsonPropertyName("asset")]
    public required string Asset { get; set; }

    [JsonPropertyName("amount")]
    public decimal Amount { get; set; }
}

/// <summary>An entry applied to (or refused by) the account: its id and partition key, and the refusal if refused.</summary>
internal sealed class EntryMarker
{
    [JsonPropertyName("id")]
    public required string Id { get; set; }

    [JsonPropertyName("pk")]
    public required string PartitionKey { get; set; }

    [JsonPropertyName("refusal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RefusalDocument? Refusal { get; set; }
}
