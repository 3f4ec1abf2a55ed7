using System.Text.Json.Serialization;

namespace Bourse.Adapters.Cosmos.Documents;

/// <summary>
/// One instrument in container <c>reference-data</c>: id = partition key = <c>instrument:{instrumentId}</c>. The master
/// data and the reference price are written separately (<see cref="CosmosReferenceData.UpsertInstrumentAsync"/>,
/// <see cref="CosmosReferenceData.SetReferencePriceAsync"/>), each by compare-and-swap on the ETag, so neither overwrites
/// the other.
/// </summary>
internal sealed class InstrumentDocument
{
    public const string DocumentType = "instrument";

    [JsonPropertyName("id")]
    public required string Id { get; set; }

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentType;

    /// <summary>The shape of this document; a reader refuses a newer one rather than guess.</summary>
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; set; } = ReferenceDataSchema.Current;

    /// <summary>One more on every write: tells a person (and a test) how often it changed.</summary>
    [JsonPropertyName("version")]
    public long Version { get; set; }

    [JsonPropertyName("instrumentId")]
    public int InstrumentId { get; set; }

    [JsonPropertyName("currency")]
    public required string Currency { get; set; }

    [JsonPropertyName("tickSize")]
    public decimal TickSize { get; set; }

    [JsonPropertyName("lotSize")]
    public long LotSize { get; set; }

    [JsonPropertyName("isTradable")]
    public bool IsTradable { get; set; }

    [JsonPropertyName("lowerPriceLimit")]
    public decimal? LowerPriceLimit { get; set; }

    [JsonPropertyName("upperPriceLimit")]
    public decimal? UpperPriceLimit { get; set; }

    [JsonPropertyName("referencePrice")]
    public ReferencePriceDocument? ReferencePrice { get; set; }

    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An instrument's reference price: the price per unit, its currency and when it was set.</summary>
internal sealed class ReferencePriceDocument
{
    [JsonPropertyName("price")]
    public decimal Price { get; set; }

    [JsonPropertyName("currency")]
    public required string Currency { get; set; }

    [JsonPropertyName("asOf")]
    public DateTimeOffset AsOf { get; set; }
}

/// <summary>One account of the account register with its owner's KYC data: id = partition key = <c>account:{accountId}</c>.</summary>
internal sealed class RegisteredAccountDocument
{
    public const string DocumentType = "account";

    [JsonPropertyName("id")]
    public required string Id { get; set; }

    [JsonPropertyName("type")]
    public string Type { get; set; } = DocumentType;

    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; set; } = ReferenceDataSchema.Current;

    [JsonPropertyName("version")]
    public long Version { get; set; }

    [JsonPropertyName("accountId")]
    public required string AccountId { get; set; }

    /// <summary>An <c>AccountStatus</c> name.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; set; }

    [JsonPropertyName("customerId")]
    public required string CustomerId { get; set; }

    /// <summary>A <c>CustomerType</c> name.</summary>
    [JsonPropertyName("customerType")]
    public required string CustomerType { get; set; }

    [JsonPropertyName("customerName")]
    public required string CustomerName { get; set; }

    [JsonPropertyName("customerCountry")]
    public required string CustomerCountry { get; set; }

    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; set; }
}

internal static class ReferenceDataSchema
{
    public const int Current = 1;
}
