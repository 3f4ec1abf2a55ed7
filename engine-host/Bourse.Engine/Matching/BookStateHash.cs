namespace Bourse.Engine.Matching;

/// <summary>
/// A hash of a book's state defined by its content only: the event sequence and every resting order, in canonical
/// order, with all the fields that decide future behaviour. Two books that hash equal behave identically.
/// </summary>
/// <remarks>FNV-1a over 64-bit words with a final avalanche: cheap, stable across runs and processes, not cryptographic.</remarks>
public struct BookStateHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private ulong _state;

    public static BookStateHash Create(long lastEventSequence)
    {
        var hash = new BookStateHash { _state = OffsetBasis };
        hash.Add(lastEventSequence);
        return hash;
    }

    public void AddOrder(long orderId, Side side, long price, long quantity, long accountId, bool isDay)
    {
        Add(orderId);
        Add((long)side);
        Add(price);
        Add(quantity);
        Add(accountId);
        Add(isDay ? 1 : 0);
    }

    public readonly ulong Finish()
    {
        var x = _state;
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    private void Add(long value)
    {
        _state = (_state ^ (ulong)value) * Prime;
    }

    /// <summary>The hash of a book given its orders in canonical order.</summary>
    public static ulong Of(long lastEventSequence, IEnumerable<RestingOrder> ordersInCanonicalOrder)
    {
        ArgumentNullException.ThrowIfNull(ordersInCanonicalOrder);
        var hash = Create(lastEventSequence);
        foreach (var o in ordersInCanonicalOrder)
        {
            hash.AddOrder(o.OrderId, o.Side, o.Price, o.Quantity, o.AccountId, o.IsDay);
        }

        return hash.Finish();
    }
}
