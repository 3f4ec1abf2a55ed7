namespace Bourse.Orchestrations.OrderToClearing;

/// <summary>The fee schedule (section <see cref="SectionName"/>): a rate on the notional, rounded up to the cent.</summary>
public sealed class FeeSchedule
{
    /// <summary>The configuration section a host binds this from.</summary>
    public const string SectionName = "Fees";

    /// <summary>The fee in basis points of the notional (2.5 = 0.025 %).</summary>
    /// <value>The default value is 0 (no fee).</value>
    public decimal RateBasisPoints { get; set; }

    /// <summary>The rate as a fraction.</summary>
    public decimal Rate => RateBasisPoints / 10_000m;

    /// <summary>The fee on <paramref name="notional"/> at <paramref name="rate"/>, rounded up to the cent.</summary>
    public static decimal For(decimal notional, decimal rate) =>
        Math.Ceiling(notional * rate * 100m) / 100m;

    /// <summary>
    /// The fee of one fill: the fee on the cumulative notional after it, less the fee on the cumulative notional before it.
    /// The fills' fees then add up to the fee on what traded, never more than the hold's fee (rounded once, not per fill).
    /// </summary>
    public static decimal ForFill(decimal notionalBefore, decimal fillNotional, decimal rate) =>
        For(notionalBefore + fillNotional, rate) - For(notionalBefore, rate);
}
