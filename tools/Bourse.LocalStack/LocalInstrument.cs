using System.Globalization;

namespace Bourse.LocalStack;

/// <summary>An instrument of the local stack, as both the engine host and the back office's reference data see it.</summary>
/// <param name="Id">The engine's book id (<c>600519</c>).</param>
/// <param name="Symbol">For people (<c>600519.SH</c>).</param>
/// <param name="Currency">ISO 4217 code of its prices.</param>
/// <param name="TickSize">The price step in the currency; one engine price tick.</param>
/// <param name="LotSize">The quantity step.</param>
/// <param name="ReferencePrice">Today's reference price in the currency, a multiple of <paramref name="TickSize"/>.</param>
/// <param name="BandPercent">How far from the reference price the engine accepts an order (whole percent).</param>
/// <param name="LimitPercent">Today's price limits in the back office's reference data, around the reference price (whole
/// percent): wider than the engine's band, so that a fat finger meets the risk rules' price band first; a market order's
/// hold is sized at the upper limit.</param>
public sealed record LocalInstrument(
    int Id, string Symbol, string Currency, decimal TickSize, long LotSize, decimal ReferencePrice, int BandPercent = 10, int LimitPercent = 30)
{
    /// <summary>Today's lowest accepted price, on the tick.</summary>
    public decimal LowerPriceLimit => Math.Ceiling(ReferencePrice * (100 - LimitPercent) / 100m / TickSize) * TickSize;

    /// <summary>Today's highest accepted price, on the tick.</summary>
    public decimal UpperPriceLimit => Math.Floor(ReferencePrice * (100 + LimitPercent) / 100m / TickSize) * TickSize;

    /// <summary>The reference price in engine ticks.</summary>
    public long ReferencePriceTicks => decimal.ToInt64(ReferencePrice / TickSize);

    /// <summary>A price in engine ticks.</summary>
    public long Ticks(decimal price) => decimal.ToInt64(price / TickSize);

    /// <summary>The engine host's configuration entry.</summary>
    internal string EngineJson() => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{ "Id": {{Id}}, "Symbol": "{{Symbol}}", "TickSize": 1, "LotSize": {{LotSize}}, "ReferencePrice": {{ReferencePriceTicks}}, "BandBasisPoints": {{BandPercent * 100}} }""");

    /// <summary>Four instruments of the Shanghai and Shenzhen markets in CNY, 0.01 ticks, 100-share lots.</summary>
    public static IReadOnlyList<LocalInstrument> Defaults { get; } =
    [
        new(600519, "600519.SH", "CNY", 0.01m, 100, 1450.00m),
        new(601318, "601318.SH", "CNY", 0.01m, 100, 52.00m),
        new(600036, "600036.SH", "CNY", 0.01m, 100, 41.00m),
        new(1, "000001.SZ", "CNY", 0.01m, 100, 11.50m),
    ];
}
