using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bourse.Adapters.Cosmos.Documents;

/// <summary>
/// Writes decimals as JSON strings (<c>"3075.92"</c>, scale kept) and reads strings or numbers. Cosmos DB stores JSON
/// numbers as IEEE doubles, which cannot hold every decimal a ledger needs exactly (more than 15–17 significant digits).
/// </summary>
internal sealed class DecimalStringConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => decimal.Parse(reader.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
        JsonTokenType.Number => reader.GetDecimal(),
        _ => throw new JsonException($"expected a decimal, got {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    public override decimal ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        decimal.Parse(reader.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString(CultureInfo.InvariantCulture));
    }
}
