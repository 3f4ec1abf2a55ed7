using System.Runtime.CompilerServices;

namespace Bourse.Engine.Matching;

/// <summary>
/// Price levels in a sorted array, keyed by a "priority key" (higher is better), best last. The overflow of a
/// <see cref="PriceLadder"/> for prices outside its window: any price works here, at the cost of a binary search and
/// of moving the better levels on every insert and remove.
/// </summary>
internal sealed class SortedPriceLevels
{
    private long[] _keys;
    private int[] _levels;
    private int _count;

    public SortedPriceLevels(int initialCapacity)
    {
        _keys = new long[Math.Max(4, initialCapacity)];
        _levels = new int[_keys.Length];
    }

    public int Count => _count;

    /// <summary>The level at position <paramref name="index"/> counted from the worst (0) to the best (Count - 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LevelAt(int index) => _levels[index];

    /// <summary>The key at a position.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long KeyAt(int index) => _keys[index];

    /// <returns>The position of the key, or the bitwise complement of where it would be inserted.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long key)
    {
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

    public void InsertAt(int position, long key, int level)
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

        _keys[position] = key;
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        Array.Resize(ref _keys, _keys.Length * 2);
        Array.Resize(ref _levels, _levels.Length * 2);
    }
}
