using System.Text.Json.Serialization;

namespace Bourse.Adapters.Cosmos.Documents;

/// <summary>
/// One journal entry in container <c>ledger-entries</c>: id = the deterministic entry id, partition key
/// <see cref="LedgerPartitionKeys"/>. Created once (a second create is 409); afterwards only patched: an account added to
/// <see cref="AppliedTo"/> after it is applied there, and the status set once at the end.
/// </summary>
internal sealed class EntryDocument
{
    [JsonPropertyName("id")]
    public required string Id { get; set; }

    [JsonPropertyName("partitionKey")]
    public required string PartitionKey { get; set; }

    [JsonPropertyName("kind")]
    public required string Kind { get; set; }

    /// <summary><c>pending</c>, <c>complete</c> or <c>refused</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; set; }

    [JsonPropertyName("postings")]
    public List<PostingDocument> Postings { get; set; } = [];

    /// <summary>The accounts in the order the entry is applied to them (debited first).</summary>
    [JsonPropertyName("accounts")]
    public List<string> Accounts { get; set; } = [];

    /// <summary>Account id → true, once the entry is applied there (a map, so that recording it twice is harmless).</summary>
    [JsonPropertyName("appliedTo")]
    public Dictionary<string, bool> AppliedTo { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("recordedAt")]
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary><see cref="RecordedAt"/> in Unix milliseconds: the time-window queries compare numbers.</summary>
    [JsonPropertyName("recordedAtMs")]
    public long RecordedAtMs { get; set; }

    [JsonPropertyName("completedAt")]
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Why it was refused, or what last kept it pending.</summary>
    [JsonPropertyName("refusal")]
    public RefusalDocument? Refusal { get; set; }
}

internal sealed class PostingDocument
{
    [JsonPropertyName("accountId")]
    public required string AccountId { get; set; }

    [JsonPropertyName("asset")]
    public required string Asset { get; set; }

    [JsonPropertyName("amount")]
    public decimal Amount { get; set; }

    [JsonPropertyName("bucket")]
    public required string Bucket { get; set; }

    [JsonPropertyName("orderId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OrderId { get; set; }
}

internal sealed class RefusalDocument
{
    [JsonPropertyName("code")]
    public required string Code { get; set; }

    [JsonPropertyName("accountId")]
    public required string AccountId { get; set; }

    [JsonPropertyName("asset")]
    public required string Asset { get; set; }

    [JsonPropertyName("detail")]
    public required string Detail { get; set; }
}

internal static class EntryStatuses
{
    public const string Pending = "pending";
    public const string Complete = "complete";
    public const string Refused = "refused";
}
