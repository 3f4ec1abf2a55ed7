namespace Bourse.Engine.Matching;

/// <summary>The trading rules of one instrument, all in integer ticks and lots.</summary>
/// <param name="InstrumentId">The instrument's id.</param>
/// <param name="TickSize">Prices must be multiples of this many price units. The default value is 1.</param>
/// <param name="LotSize">Quantities must be multiples of this. The default value is 1.</param>
/// <param name="ReferencePrice">The price the band is centred on (for A-shares, the previous close).</param>
/// <param name="BandBasisPoints">The band's half width in basis points of the reference price; 0 means no band.</param>
public sealed record InstrumentSpec(int InstrumentId, long TickSize = 1, long LotSize = 1, long ReferencePrice = 0, int BandBasisPoints = 0)
{
    /// <summary>Tick 1, lot 1, no band: the rules `bench` streams are matched under.</summary>
    public static InstrumentSpec Unrestricted { get; } = new(0);

    /// <summary>The lowest price inside the band (rounded up to a tick), or 1 without a band.</summary>
    public long LowerLimit => BandBasisPoints <= 0 || ReferencePrice <= 0
        ? 1
        : RoundUpToTick(ReferencePrice - (ReferencePrice * BandBasisPoints / 10_000));

    /// <summary>The highest price inside the band (rounded down to a tick), or <see cref="long.MaxValue"/> without a band.</summary>
    public long UpperLimit => BandBasisPoints <= 0 || ReferencePrice <= 0
        ? long.MaxValue
        : RoundDownToTick(ReferencePrice + (ReferencePrice * BandBasisPoints / 10_000));

    private long RoundUpToTick(long price) => (price + TickSize - 1) / TickSize * TickSize;

    private long RoundDownToTick(long price) => price / TickSize * TickSize;

    /// <summary>Throws when the rules themselves are inconsistent (configuration error, not a trading error).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TickSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LotSize);
        ArgumentOutOfRangeException.ThrowIfNegative(ReferencePrice);
        ArgumentOutOfRangeException.ThrowIfNegative(BandBasisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BandBasisPoints, 10_000);
    }
}
