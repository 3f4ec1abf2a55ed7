namespace Bourse.Domain.Ledger;

/// <summary>
/// Fees per fill: a rate of the notional for each side, rounded to the currency's minor unit (half away from zero), and
/// never below a minimum. A rate of 0.0003 is 3 basis points.
/// </summary>
public sealed class FeeSchedule
{
    /// <summary>No fees.</summary>
    public static readonly FeeSchedule None = new();

    /// <summary>The buyer's rate of the notional; non-negative.</summary>
    /// <value>The default value is 0.</value>
    public decimal BuyerRate { get; init; }

    /// <summary>The seller's rate of the notional (stamp duty included, where the seller pays it); non-negative.</summary>
    /// <value>The default value is 0.</value>
    public decimal SellerRate { get; init; }

    /// <summary>The smallest fee charged on a fill with a non-zero rate; non-negative.</summary>
    /// <value>The default value is 0.</value>
    public decimal Minimum { get; init; }

    /// <summary>Decimal places of the currency's minor unit; 0 to 8.</summary>
    /// <value>The default value is 2.</value>
    public int Decimals { get; init; } = 2;

    /// <summary>The buyer's fee on a fill of <paramref name="notional"/>.</summary>
    public decimal BuyerFee(decimal notional) => Compute(notional, BuyerRate);

    /// <summary>The seller's fee on a fill of <paramref name="notional"/>.</summary>
    public decimal SellerFee(decimal notional) => Compute(notional, SellerRate);

    private decimal Compute(decimal notional, decimal rate)
    {
        if (rate < 0m || Minimum < 0m || Decimals is < 0 or > 8)
        {
            throw new InvalidOperationException($"invalid fee schedule: rates and minimum must be non-negative, decimals 0 to 8 (rate {rate}, minimum {Minimum}, decimals {Decimals})");
        }

        if (rate == 0m || notional <= 0m)
        {
            return 0m;
        }

        return Math.Max(Math.Round(notional * rate, Decimals, MidpointRounding.AwayFromZero), Minimum);
    }
}
