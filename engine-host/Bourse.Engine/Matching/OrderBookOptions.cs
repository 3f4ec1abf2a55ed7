namespace Bourse.Engine.Matching;

/// <summary>Sizes of the pools an <see cref="OrderBook"/> allocates up front.</summary>
/// <remarks>
/// The pools grow by doubling when exceeded, which allocates; size them for the expected peak so that the steady state
/// allocates nothing.
/// </remarks>
public sealed class OrderBookOptions
{
    /// <summary>Resting orders the book holds without growing. The default value is 16,384.</summary>
    public int InitialOrderCapacity { get; init; } = 1 << 14;

    /// <summary>Price levels (both sides) the book holds without growing. The default value is 4,096.</summary>
    public int InitialLevelCapacity { get; init; } = 1 << 12;

    /// <summary>
    /// The width, in ticks, of each side's direct-mapped price window (a power of two, at least 4,096). Levels inside it
    /// are created and found in O(1); prices outside still work, more slowly. Size it to cover the price band.
    /// The default value is 16,384 ticks (about 200 KB per book).
    /// </summary>
    public int PriceWindowTicks { get; init; } = 1 << 14;
}
