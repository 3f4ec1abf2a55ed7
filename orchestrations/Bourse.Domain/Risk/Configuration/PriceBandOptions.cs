namespace Bourse.Domain.Risk.Configuration;

/// <summary>
/// Price sanity of securities limit orders: the limit price must lie within ± a percentage of the instrument's reference
/// price (the edges included). Market orders are not checked.
/// </summary>
public sealed class PriceBandOptions
{
    /// <summary>Whether the rule runs.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The band's half-width, percent of the reference price.</summary>
    /// <value>The default value is 10; more than 0 and at most 100.</value>
    public decimal MaxDeviationPercent { get; set; } = 10m;

    /// <summary>Instruments with a band of their own: instrument id → percent.</summary>
    /// <value>The default value is no instrument.</value>
    public IDictionary<string, decimal> InstrumentMaxDeviationPercent { get; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
}
