using System.Globalization;

namespace Bourse.Domain.Risk.Configuration;

/// <summary>One large-value threshold: an amount in a currency, for some channels, customer types and reach.</summary>
public sealed class LargeValueThreshold
{
    /// <summary>ISO 4217 code; only transactions in this currency are compared (amounts are never converted).</summary>
    /// <value>No default: required.</value>
    public string Currency { get; set; } = "";

    /// <summary>The threshold: a transaction or daily total at or above it is flagged.</summary>
    /// <value>No default: more than zero.</value>
    public decimal Amount { get; set; }

    /// <summary>The channel it applies to, or <see langword="null"/> for every channel.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TransactionChannel? Channel { get; set; }

    /// <summary>The customer type it applies to, or <see langword="null"/> for both.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public CustomerType? CustomerType { get; set; }

    /// <summary><see langword="true"/> for cross-border only, <see langword="false"/> for domestic only, <see langword="null"/> for both.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public bool? CrossBorder { get; set; }

    internal int Specificity => (Channel is null ? 0 : 1) + (CustomerType is null ? 0 : 1) + (CrossBorder is null ? 0 : 1);

    internal bool Matches(string currency, TransactionChannel channel, CustomerType customerType, bool crossBorder) =>
        string.Equals(Currency, currency, StringComparison.Ordinal)
        && (Channel is null || Channel == channel)
        && (CustomerType is null || CustomerType == customerType)
        && (CrossBorder is null || CrossBorder == crossBorder);

    /// <summary>The threshold as a person reads it: <c>500000 CNY (Transfer, Individual, domestic)</c>.</summary>
    public override string ToString()
    {
        string scope = string.Join(", ", new[]
        {
            Channel?.ToString() ?? "any channel",
            CustomerType?.ToString() ?? "any customer",
            CrossBorder switch { true => "cross-border", false => "domestic", null => "domestic or cross-border" },
        });
        return $"{Amount.ToString(CultureInfo.InvariantCulture)} {Currency} ({scope})";
    }
}
