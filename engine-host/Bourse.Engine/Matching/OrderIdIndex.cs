using System.Numerics;
using System.Runtime.CompilerServices;

namespace Bourse.Engine.Matching;

/// <summary>
/// Order id → pool slot, open addressing with linear probing and backward-shift deletion (no tombstones, so probe
/// lengths stay short under the constant add/remove churn of a book). Keys and values sit together in one entry so a
/// probe touches one cache line. Allocates only when it grows past half full.
/// </summary>
internal sealed class OrderIdIndex
{
    private const ulong FibonacciMultiplier = 0x9E3779B97F4A7C15UL;

    private Entry[] _entries;
    private int _mask;
    private int _shift;
    private int _count;

    public OrderIdIndex(int expectedCount)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expectedCount * 2));
        _entries = new Entry[capacity];
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    public int Count => _count;

    /// <returns>The slot, or -1 when the id is not present.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Get(long key)
    {
        var entries = _entries;
        var i = Home(key);
        while (true)
        {
            ref var e = ref entries[i];
            if (e.SlotPlusOne == 0)
            {
                return -1;
            }

            if (e.Key == key)
            {
                return e.SlotPlusOne - 1;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Adds a key that is known to be absent.</summary>
    public void Add(long key, int slot)
    {
        if ((_count + 1) * 2 > _entries.Length)
        {
            Grow();
        }

        Insert(_entries, key, slot);
        _count++;
    }

    /// <summary>Removes a key that is known to be present.</summary>
    public void Remove(long key)
    {
        var entries = _entries;
        var i = Home(key);
        while (entries[i].Key != key || entries[i].SlotPlusOne == 0)
        {
            i = (i + 1) & _mask;
        }

        // Backward shift: pull later entries of the same probe run into the hole so that lookups never need tombstones.
        var hole = i;
        var j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            ref var e = ref entries[j];
            if (e.SlotPlusOne == 0)
            {
                break;
            }

            var home = Home(e.Key);
            // Move e into the hole only if its home is not cyclically within (hole, j].
            var distanceToHole = (hole - home) & _mask;
            var distanceToJ = (j - home) & _mask;
            if (distanceToHole < distanceToJ)
            {
                entries[hole] = e;
                hole = j;
            }
        }

        entries[hole] = default;
        _count--;
    }

    public void Clear()
    {
        Array.Clear(_entries);
        _count = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(long key) => (int)(((ulong)key * FibonacciMultiplier) >> _shift);

    private void Insert(Entry[] entries, long key, int slot)
    {
        var i = Home(key);
        while (entries[i].SlotPlusOne != 0)
        {
            i = (i + 1) & _mask;
        }

        entries[i].Key = key;
        entries[i].SlotPlusOne = slot + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        _mask = _entries.Length - 1;
        _shift--;
        foreach (var e in old)
        {
            if (e.SlotPlusOne != 0)
            {
                Insert(_entries, e.Key, e.SlotPlusOne - 1);
            }
        }
    }

    private struct Entry
    {
        public long Key;
        public int SlotPlusOne;
    }
}
