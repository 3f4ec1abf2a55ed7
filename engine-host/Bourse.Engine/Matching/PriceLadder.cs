using System.Runtime.CompilerServices;

namespace Bourse.Engine.Matching;

/// <summary>
/// The price levels of one side, sorted so that the best level is last: removing the best level (what matching does
/// most) is a decrement, and inserting near the touch (where most orders go) moves few elements.
/// </summary>
/// <remarks>
/// Keys are ordered ascending with the best price last: for bids the key is the price, for asks its negation, so both
/// sides share one search. Two parallel arrays keep the binary search on a dense <c>long[]</c>.
/// </remarks>
internal sealed class PriceLadder
{
    private readonly bool _isAsk;
    private long[] _keys;
    private int[] _levels;
    private int _count;

    public PriceLadder(Side side, int initialCapacity)
    {
        _isAsk = side == Side.Sell;
        _keys = new long[initialCapacity];
        _levels = new int[initialCapacity];
    }

    public int Count => _count;

    /// <summary>The level at position <paramref name="index"/> counted from the worst (0) to the best (Count - 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LevelAt(int index) => _levels[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BestLevel() => _levels[_count - 1];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RemoveBest() => _count--;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long KeyOf(long price) => _isAsk ? -price : price;

    /// <returns>The position of the price, or the bitwise complement of where it would be inserted.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long price)
    {
        var key = KeyOf(price);
        var keys = _keys;
        var lo = 0;
        var hi = _count - 1;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var k = keys[mid];
            if (k == key)
            {
                return mid;
            }

            if (k < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    public void InsertAt(int position, long price, int level)
    {
        if (_count == _keys.Length)
        {
            Grow();
        }

        var tail = _count - position;
        if (tail > 0)
        {
            Array.Copy(_keys, position, _keys, position + 1, tail);
            Array.Copy(_levels, position, _levels, position + 1, tail);
        }

        _keys[position] = KeyOf(price);
        _levels[position] = level;
        _count++;
    }

    public void RemoveAt(int position)
    {
        var tail = _count - position - 1;
        if (tail > 0)
        {
            Array.Copy(_keys, position + 1, _keys, position, tail);
            Array.Copy(_levels, position + 1, _levels, position, tail);
        }

        _count--;
    }

    /// <summary>The price stored at a position (for internal-state validation).</summary>
    public long PriceAt(int position) => KeyOf(_keys[position]);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        Array.Resize(ref _keys, _keys.Length * 2);
        Array.Resize(ref _levels, _levels.Length * 2);
    }
}
