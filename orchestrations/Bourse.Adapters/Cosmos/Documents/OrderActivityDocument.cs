using System.Text.Json.Serialization;

namespace Bourse.Adapters.Cosmos.Documents;

/// <summary>
/// One order as its customer's transaction, in container <c>order-activity</c>: id = order id, partition key =
/// <c>/customerId</c>. Created once when risk allows the order (a second create is 409: nothing changes); afterwards only
/// its outcome is written, once, by compare-and-swap on the ETag while <see cref="Status"/> is still pending.
/// </summary>
internal sealed class OrderActivityDocument
{
    [JsonPropertyName("id")]
    public required string Id { get; set; }

    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; set; } = Current;

    [JsonPropertyName("customerId")]
    public required string CustomerId { get; set; }

    [JsonPropertyName("accountId")]
    public required string AccountId { get; set; }

    /// <summary>ISO 4217 code of both amounts.</summary>
    [JsonPropertyName("currency")]
    public required string Currency { get; set; }

    /// <summary>What the order may trade (limit price × quantity): counts while pending.</summary>
    [JsonPropertyName("notional")]
    public decimal Notional { get; set; }

    /// <summary>What it traded: counts once executed.</summary>
    [JsonPropertyName("executedNotional")]
    public decimal ExecutedNotional { get; set; }

    /// <summary><c>pending</c>, <c>executed</c>, <c>cancelled</c>, <c>rejected</c> or <c>failed</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; set; }

    /// <summary>When the order was made (its risk evaluation).</summary>
    [JsonPropertyName("at")]
    public DateTimeOffset At { get; set; }

    /// <summary><see cref="At"/> in Unix milliseconds: the history query compares numbers, not strings with offsets.</summary>
    [JsonPropertyName("atMs")]
    public long AtMs { get; set; }

    /// <summary>The business day (<c>yyyy-MM-dd</c>) its exposure counts on.</summary>
    [JsonPropertyName("businessDay")]
    public required string BusinessDay { get; set; }

    /// <summary>A <c>TransactionChannel</c> name.</summary>
    [JsonPropertyName("channel")]
    public required string Channel { get; set; }

    [JsonPropertyName("crossBorder")]
    public bool CrossBorder { get; set; }

    /// <summary>When the saga ended; <see langword="null"/> while pending.</summary>
    [JsonPropertyName("outcomeAt")]
    public DateTimeOffset? OutcomeAt { get; set; }

    public const int Current = 1;
}

internal static class OrderActivityStatuses
{
    public const string Pending = "pending";
    public const string Executed = "executed";
    public const string Cancelled = "cancelled";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
}
