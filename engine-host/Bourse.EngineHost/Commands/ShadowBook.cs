using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Commands;

/// <summary>
/// The generator's model of the book it is writing commands for, so that it cancels and replaces orders that are
/// live. A model, not the engine: orders are a flat array scanned on every crossing (O(resting orders)), with order
/// counts per price only to know the touch in O(1). Where it differs from the engine, the engine rejects a command
/// the generator thought valid; the stream stays usable, only the rejection rate grows.
/// </summary>
/// <remarks>
/// The rules it models: price-time priority, trades at the maker's price; IOC and market remainders cancelled; FOK
/// all or nothing, counting liquidity only up to the first maker of the taker's own account; POST refused if it
/// would cross; self-trade prevention cancels the taker's remainder when the next maker is its own account; a
/// replace that only lowers the quantity at the same price keeps priority, any other replace re-enters as a new
/// aggressive order with the same id.
/// </remarks>
internal sealed class ShadowBook
{
    private readonly int[] _bidsAtPrice;
    private readonly int[] _asksAtPrice;
    private Order[] _orders = new Order[2048];
    private Candidate[] _candidates = new Candidate[256];
    private int[] _filledSlots = new int[256];
    private int _count;
    private int _candidateCount;
    private long _nextPriority;

    /// <param name="priceLimit">Prices must lie in [1, <paramref name="priceLimit"/>).</param>
    public ShadowBook(int priceLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(priceLimit, 2);
        PriceLimit = priceLimit;
        _bidsAtPrice = new int[priceLimit];
        _asksAtPrice = new int[priceLimit];
    }

    public int PriceLimit { get; }

    /// <summary>Resting orders.</summary>
    public int Count => _count;

    public int BidOrders { get; private set; }

    public int AskOrders { get; private set; }

    public int BidLevels { get; private set; }

    public int AskLevels { get; private set; }

    /// <summary>The best bid; meaningful only when <see cref="BidOrders"/> &gt; 0.</summary>
    public long BestBid { get; private set; }

    /// <summary>The best ask; meaningful only when <see cref="AskOrders"/> &gt; 0.</summary>
    public long BestAsk { get; private set; }

    /// <summary>Trades the model expects, over the book's life.</summary>
    public long Trades { get; private set; }

    /// <summary>Commands the model expects to trade at least once.</summary>
    public long CommandsWithTrades { get; private set; }

    /// <summary>The resting order in <paramref name="slot"/> (0 ≤ slot &lt; <see cref="Count"/>); slots move on removal.</summary>
    public ref readonly Order this[int slot] => ref _orders[slot];

    /// <summary>Whether a <paramref name="side"/> order at <paramref name="price"/> would trade on arrival.</summary>
    public bool Crosses(Side side, long price) =>
        side == Side.Buy ? AskOrders > 0 && BestAsk <= price : BidOrders > 0 && BestBid >= price;

    /// <summary>A limit order (any time in force). Returns whether an order with this id now rests.</summary>
    public bool NewOrder(long orderId, Side side, long price, long quantity, TimeInForce timeInForce, long accountId)
    {
        CheckPrice(price);
        switch (timeInForce)
        {
            case TimeInForce.Post:
                if (Crosses(side, price))
                {
                    return false;
                }

                break;
            case TimeInForce.Fok:
                if (CollectCrossing(side, price) > 0 && Fillable(quantity, accountId))
                {
                    _ = MatchCollected(quantity, accountId);
                }

                return false;
            default:
                (quantity, bool selfTrade) = Match(side, price, quantity, accountId);
                if (quantity == 0 || selfTrade || timeInForce == TimeInForce.Ioc)
                {
                    return false;
                }

                break;
        }

        Rest(new Order { Id = orderId, Side = side, Price = price, Quantity = quantity, AccountId = accountId });
        return true;
    }

    /// <summary>A market order: sweeps the other side; never rests.</summary>
    public void Market(Side side, long quantity, long accountId) =>
        _ = Match(side, side == Side.Buy ? PriceLimit : 0, quantity, accountId);

    /// <summary>Cancels the order in <paramref name="slot"/>.</summary>
    public void Cancel(int slot) => RemoveAt(slot);

    /// <summary>Replaces the order in <paramref name="slot"/>. Returns whether it still rests.</summary>
    public bool Replace(int slot, long newPrice, long newQuantity)
    {
        CheckPrice(newPrice);
        ref Order order = ref _orders[slot];
        if (newPrice == order.Price && newQuantity <= order.Quantity)
        {
            order.Quantity = newQuantity;
            return true;
        }

        Order moved = order;
        RemoveAt(slot);
        (long remaining, bool selfTrade) = Match(moved.Side, newPrice, newQuantity, moved.AccountId);
        if (remaining == 0 || selfTrade)
        {
            return false;
        }

        moved.Price = newPrice;
        moved.Quantity = remaining;
        Rest(moved);
        return true;
    }

    private (long Remaining, bool SelfTrade) Match(Side side, long limit, long quantity, long accountId)
    {
        if (!Crosses(side, limit))
        {
            return (quantity, false);
        }

        _ = CollectCrossing(side, limit);
        return MatchCollected(quantity, accountId);
    }

    /// <summary>Walks the collected makers in priority order; removes the filled ones.</summary>
    private (long Remaining, bool SelfTrade) MatchCollected(long quantity, long accountId)
    {
        int candidates = _candidateCount;
        int filled = 0;
        bool selfTrade = false;
        long trades = 0;
        for (int i = 0; i < candidates && quantity > 0; i++)
        {
            ref Order maker = ref _orders[_candidates[i].Slot];
            if (maker.AccountId == accountId)
            {
                selfTrade = true;
                break;
            }

            long traded = Math.Min(quantity, maker.Quantity);
            quantity -= traded;
            maker.Quantity -= traded;
            trades++;
            if (maker.Quantity == 0)
            {
                if (filled == _filledSlots.Length)
                {
                    Array.Resize(ref _filledSlots, filled * 2);
                }

                _filledSlots[filled++] = _candidates[i].Slot;
            }
        }

        if (trades > 0)
        {
            Trades += trades;
            CommandsWithTrades++;
        }

        // Remove from the highest slot down: a swap-remove moves the last order into the freed slot, and every
        // slot above the current one that still had to go is already gone.
        Span<int> slots = _filledSlots.AsSpan(0, filled);
        slots.Sort();
        for (int i = slots.Length - 1; i >= 0; i--)
        {
            RemoveAt(slots[i]);
        }

        return (quantity, selfTrade);
    }

    /// <summary>Collects the resting orders that a <paramref name="side"/> order limited at <paramref name="limit"/> would meet, in priority order.</summary>
    private int CollectCrossing(Side side, long limit)
    {
        int n = 0;
        for (int slot = 0; slot < _count; slot++)
        {
            ref readonly Order order = ref _orders[slot];
            if (order.Side == side || (side == Side.Buy ? order.Price > limit : order.Price < limit))
            {
                continue;
            }

            if (n == _candidates.Length)
            {
                Array.Resize(ref _candidates, n * 2);
            }

            // Best price first: ascending asks for a buyer, descending bids for a seller; then time priority.
            _candidates[n++] = new Candidate(side == Side.Buy ? order.Price : -order.Price, order.Priority, slot);
        }

        _candidates.AsSpan(0, n).Sort();
        _candidateCount = n;
        return n;
    }

    /// <summary>FOK: whether the collected makers before the first one of the taker's account hold enough.</summary>
    private bool Fillable(long quantity, long accountId)
    {
        long available = 0;
        for (int i = 0; i < _candidateCount; i++)
        {
            ref readonly Order maker = ref _orders[_candidates[i].Slot];
            if (maker.AccountId == accountId)
            {
                return false;
            }

            available += maker.Quantity;
            if (available >= quantity)
            {
                return true;
            }
        }

        return false;
    }

    private void Rest(Order order)
    {
        if (_count == _orders.Length)
        {
            Array.Resize(ref _orders, _count * 2);
        }

        order.Priority = _nextPriority++;
        _orders[_count++] = order;
        if (order.Side == Side.Buy)
        {
            BidOrders++;
            if (_bidsAtPrice[order.Price]++ == 0)
            {
                BidLevels++;
            }

            if (BidOrders == 1 || order.Price > BestBid)
            {
                BestBid = order.Price;
            }
        }
        else
        {
            AskOrders++;
            if (_asksAtPrice[order.Price]++ == 0)
            {
                AskLevels++;
            }

            if (AskOrders == 1 || order.Price < BestAsk)
            {
                BestAsk = order.Price;
            }
        }
    }

    private void RemoveAt(int slot)
    {
        Order order = _orders[slot];
        _orders[slot] = _orders[--_count];
        if (order.Side == Side.Buy)
        {
            BidOrders--;
            if (--_bidsAtPrice[order.Price] == 0)
            {
                BidLevels--;
                if (order.Price == BestBid && BidOrders > 0)
                {
                    // The next bid is near: levels are dense by the touch, so this walk is short.
                    long price = order.Price - 1;
                    while (_bidsAtPrice[price] == 0)
                    {
                        price--;
                    }

                    BestBid = price;
                }
            }
        }
        else
        {
            AskOrders--;
            if (--_asksAtPrice[order.Price] == 0)
            {
                AskLevels--;
                if (order.Price == BestAsk && AskOrders > 0)
                {
                    long price = order.Price + 1;
                    while (_asksAtPrice[price] == 0)
                    {
                        price++;
                    }

                    BestAsk = price;
                }
            }
        }
    }

    private void CheckPrice(long price)
    {
        if (price < 1 || price >= PriceLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, $"The model holds prices in [1, {PriceLimit}).");
        }
    }

    internal struct Order
    {
        public long Id;
        public long Price;
        public long Quantity;
        public long AccountId;
        public long Priority;
        public Side Side;
    }

    private readonly record struct Candidate(long PriceKey, long Priority, int Slot) : IComparable<Candidate>
    {
        public int CompareTo(Candidate other)
        {
            int byPrice = PriceKey.CompareTo(other.PriceKey);
            return byPrice != 0 ? byPrice : Priority.CompareTo(other.Priority);
        }
    }
}
