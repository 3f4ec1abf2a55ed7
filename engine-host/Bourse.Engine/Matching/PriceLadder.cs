using System.Numerics;
using System.Runtime.CompilerServices;

namespace Bourse.Engine.Matching;

/// <summary>
/// The price levels of one side of a book: price → level in O(1), the best level in O(1), the next worse level in a
/// few bit scans. Nothing allocates after construction unless prices leave the window and the overflow grows.
/// </summary>
/// <remarks>
/// <para>
/// Prices are handled as priority keys, higher is better: the price for bids, its negation for asks, so both sides
/// share one implementation.
/// </para>
/// <para>
/// Performance trick, measured by <c>OrderBookBenchmarks</c> and the <c>bench</c> verb: most levels of a live book sit
/// within a few thousand ticks of the touch, so they are kept in a direct-mapped window (<c>int[]</c> indexed by
/// key − base) with an occupancy bitmap and a one-word-per-64-words summary, so creating or deleting a level is a
/// store and a bit flip instead of moving half a sorted array. Keys outside the window go to a
/// <see cref="SortedPriceLevels"/> overflow, so any price still works; the window re-centres when it empties.
/// </para>
/// </remarks>
internal sealed class PriceLadder
{
    private const int None = -1;

    // -1 for asks, 0 for bids: key = (price ^ mask) - mask negates ask prices without a branch.
    private readonly long _keyMask;
    private readonly int _windowSize;
    private readonly int[] _windowLevels;
    private readonly ulong[] _occupied;
    private readonly ulong[] _occupiedWords;
    private readonly SortedPriceLevels _overflow;
    private long _baseKey;
    private int _windowCount;
    private long _bestKey;
    private int _bestLevel = None;

    /// <param name="side">The side this ladder holds.</param>
    /// <param name="windowTicks">The width of the direct-mapped window in ticks; a power of two, at least 4,096.</param>
    /// <param name="overflowCapacity">Initial capacity of the overflow for prices outside the window.</param>
    public PriceLadder(Side side, int windowTicks, int overflowCapacity)
    {
        if (windowTicks < 4096 || !BitOperations.IsPow2(windowTicks))
        {
            throw new ArgumentOutOfRangeException(nameof(windowTicks), windowTicks, "The price window must be a power of two of at least 4,096 ticks.");
        }

        _keyMask = side == Side.Sell ? -1 : 0;
        _windowSize = windowTicks;
        _windowLevels = new int[windowTicks];
        _occupied = new ulong[windowTicks / 64];
        _occupiedWords = new ulong[windowTicks / 4096];
        _overflow = new SortedPriceLevels(overflowCapacity);
    }

    public int Count => _windowCount + _overflow.Count;

    /// <summary>The number of levels held in the overflow rather than the window (for tests and metrics).</summary>
    public int OverflowCount => _overflow.Count;

    /// <summary>The key of the best level; meaningful only while <see cref="Best"/> is not -1.</summary>
    public long BestKey => _bestKey;

    /// <returns>The best level, or -1 when the side is empty.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Best() => _bestLevel;

    /// <returns>The level at this price, or -1.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long price)
    {
        var key = KeyOf(price);
        var slot = unchecked(key - _baseKey);
        if ((ulong)slot < (ulong)_windowSize)
        {
            var s = (int)slot;
            return (_occupied[s >> 6] & (1UL << s)) != 0 ? _windowLevels[s] : None;
        }

        if (_overflow.Count == 0)
        {
            return None;
        }

        var position = _overflow.Find(key);
        return position >= 0 ? _overflow.LevelAt(position) : None;
    }

    /// <summary>Adds a level for a price that has none.</summary>
    public void Add(long price, int level)
    {
        var key = KeyOf(price);
        if (_windowCount == 0)
        {
            Recentre(key);
        }

        var slot = unchecked(key - _baseKey);
        if ((ulong)slot < (ulong)_windowSize)
        {
            Occupy((int)slot, level);
        }
        else
        {
            _overflow.InsertAt(~_overflow.Find(key), key, level);
        }

        if (_bestLevel == None || key > _bestKey)
        {
            _bestKey = key;
            _bestLevel = level;
        }
    }

    /// <summary>Removes the level at a price that has one.</summary>
    public void Remove(long price)
    {
        var key = KeyOf(price);
        var slot = unchecked(key - _baseKey);
        if ((ulong)slot < (ulong)_windowSize)
        {
            var s = (int)slot;
            var word = _occupied[s >> 6] & ~(1UL << s);
            _occupied[s >> 6] = word;
            if (word == 0)
            {
                _occupiedWords[s >> 12] &= ~(1UL << (s >> 6));
            }

            _windowCount--;
        }
        else
        {
            _overflow.RemoveAt(_overflow.Find(key));
        }

        if (key == _bestKey)
        {
            FindBestAtOrBelow(key - 1, out _bestKey, out _bestLevel);
        }
    }

    /// <returns>The best level strictly worse than <paramref name="price"/>, or -1.</returns>
    public int NextWorse(long price)
    {
        FindBestAtOrBelow(KeyOf(price) - 1, out _, out var level);
        return level;
    }

    /// <summary>
    /// Centres the empty window on a key, because the market may have drifted since it was placed, and moves into it
    /// the overflow levels that now fall inside (a key inside the window's range is only ever looked up there).
    /// </summary>
    private void Recentre(long key)
    {
        _baseKey = key - (_windowSize / 2);
        for (var i = _overflow.Count - 1; i >= 0; i--)
        {
            var slot = unchecked(_overflow.KeyAt(i) - _baseKey);
            if ((ulong)slot < (ulong)_windowSize)
            {
                Occupy((int)slot, _overflow.LevelAt(i));
                _overflow.RemoveAt(i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Occupy(int slot, int level)
    {
        _windowLevels[slot] = level;
        _occupied[slot >> 6] |= 1UL << slot;
        _occupiedWords[slot >> 12] |= 1UL << (slot >> 6);
        _windowCount++;
    }

    /// <summary>The priority key of a price on this side: higher is better.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long KeyOf(long price) => (price ^ _keyMask) - _keyMask;

    private void FindBestAtOrBelow(long key, out long bestKey, out int bestLevel)
    {
        bestKey = long.MinValue;
        bestLevel = None;
        if (_windowCount > 0)
        {
            var slot = unchecked(key - _baseKey);
            var s = slot >= _windowSize ? _windowSize - 1 : slot;
            if (s >= 0)
            {
                var found = HighestSlotAtOrBelow((int)s);
                if (found != None)
                {
                    bestKey = _baseKey + found;
                    bestLevel = _windowLevels[found];
                }
            }
        }

        if (_overflow.Count > 0)
        {
            var position = _overflow.Find(key);
            var below = position >= 0 ? position : ~position - 1;
            if (below >= 0 && (bestLevel == None || _overflow.KeyAt(below) > bestKey))
            {
                bestKey = _overflow.KeyAt(below);
                bestLevel = _overflow.LevelAt(below);
            }
        }
    }

    /// <returns>The highest occupied window slot at or below <paramref name="slot"/>, or -1.</returns>
    private int HighestSlotAtOrBelow(int slot)
    {
        var wordIndex = slot >> 6;
        var bits = _occupied[wordIndex] & (ulong.MaxValue >> (63 - (slot & 63)));
        if (bits != 0)
        {
            return (wordIndex << 6) | (63 - BitOperations.LeadingZeroCount(bits));
        }

        // Skip empty words 64 at a time through the summary.
        var below = wordIndex - 1;
        if (below < 0)
        {
            return None;
        }

        var summaryIndex = below >> 6;
        var summary = _occupiedWords[summaryIndex] & (ulong.MaxValue >> (63 - (below & 63)));
        while (true)
        {
            if (summary != 0)
            {
                var word = (summaryIndex << 6) | (63 - BitOperations.LeadingZeroCount(summary));
                return (word << 6) | (63 - BitOperations.LeadingZeroCount(_occupied[word]));
            }

            if (--summaryIndex < 0)
            {
                return None;
            }

            summary = _occupiedWords[summaryIndex];
        }
    }
}
