using System.Runtime.CompilerServices;

namespace Bourse.Engine.Matching;

/// <summary>
/// The fast limit order book: price-time priority, every order type of <see cref="IOrderBook"/>, zero allocation
/// in steady state.
/// </summary>
/// <remarks>
/// <para>
/// Orders and price levels live in pre-allocated struct pools linked by index (no object per order, nothing for the
/// GC to trace); each level is an intrusive FIFO of orders; each side is a <see cref="PriceLadder"/> with the best
/// price last; order ids map to pool slots through an open-addressing <see cref="OrderIdIndex"/>. Events are written
/// in place into the <see cref="EventBuffer"/>.
/// </para>
/// <para>
/// Single writer: not thread-safe. The reference book in the tests is the specification; differential tests hold this
/// one to it event for event.
/// </para>
/// </remarks>
public sealed class OrderBook : IOrderBook
{
    private const int None = -1;

    private readonly EventBuffer _events;
    private readonly PriceLadder _bids;
    private readonly PriceLadder _asks;

    // Indexed by (int)Side, and the opposite side by (int)side ^ 1: sides arrive at random, so choosing a ladder with a
    // branch would be mispredicted about half the time, several times per command.
    private readonly PriceLadder[] _ladders;
    private readonly OrderIdIndex _index;
    private readonly long _tick;
    private readonly long _lot;
    private readonly long _lowerLimit;
    private readonly long _upperLimit;

    private OrderNode[] _orders;
    private int _orderFree = None;
    private int _orderHighWater;
    private PriceLevel[] _levels;
    private int _levelFree = None;
    private int _levelHighWater;

    private long _eventSequence;
    private long _commandSequence;

    public OrderBook(InstrumentSpec spec, EventBuffer events, OrderBookOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(events);
        spec.Validate();
        options ??= new OrderBookOptions();
        Spec = spec;
        _events = events;
        _tick = spec.TickSize;
        _lot = spec.LotSize;
        _lowerLimit = spec.LowerLimit;
        _upperLimit = spec.UpperLimit;
        _orders = new OrderNode[options.InitialOrderCapacity];
        _levels = new PriceLevel[options.InitialLevelCapacity];
        _bids = new PriceLadder(Side.Buy, options.PriceWindowTicks, 64);
        _asks = new PriceLadder(Side.Sell, options.PriceWindowTicks, 64);
        _ladders = [_bids, _asks];
        _index = new OrderIdIndex(options.InitialOrderCapacity);
    }

    public InstrumentSpec Spec { get; }

    public int OrderCount => _index.Count;

    public long LastEventSequence => _eventSequence;

    public void Process(in OrderCommand command, long commandSequence)
    {
        _commandSequence = commandSequence;
        switch (command.Type)
        {
            case CommandType.Replace:
                Replace(command.OrderId, command.Price, command.Quantity);
                break;
            case CommandType.NewOrder:
                NewOrder(in command);
                break;
            case CommandType.Cancel:
                Cancel(command.OrderId);
                break;
            case CommandType.Market:
                Market(in command);
                break;
            case CommandType.EndOfSession:
                EndOfSession();
                break;
            default:
                Reject(command.OrderId, command.AccountId, RejectReason.InvalidCommand);
                break;
        }
    }

    private void NewOrder(in OrderCommand c)
    {
        var reason = ValidateLimit(c.Price, c.Quantity);
        if (reason == RejectReason.None && (c.Side > Side.Sell || c.TimeInForce > TimeInForce.Post))
        {
            reason = RejectReason.InvalidCommand;
        }

        if (reason == RejectReason.None && _index.Get(c.OrderId) != None)
        {
            reason = RejectReason.DuplicateOrderId;
        }

        if (reason == RejectReason.None && c.TimeInForce == TimeInForce.Post && Crosses(c.Side, c.Price))
        {
            reason = RejectReason.PostOnlyWouldCross;
        }

        if (reason != RejectReason.None)
        {
            Reject(c.OrderId, c.AccountId, reason);
            return;
        }

        Emit(EventType.Accepted, c.OrderId, c.AccountId, c.Side, c.Price, c.Quantity, 0, 0);
        switch (c.TimeInForce)
        {
            case TimeInForce.Post:
                Rest(c.OrderId, c.Side, c.Price, c.Quantity, c.AccountId, isDay: false, emit: true);
                return;
            case TimeInForce.Fok:
                if (!FokFillable(c.Side, c.Price, c.Quantity, c.AccountId))
                {
                    Emit(EventType.Cancelled, c.OrderId, c.AccountId, c.Side, c.Price, c.Quantity, 0, (byte)CancelReason.FillOrKillUnfillable);
                    return;
                }

                Match(c.OrderId, c.Side, LimitKey(c.Side, c.Price), c.Quantity, c.AccountId, out _);
                return;
            default:
                var remaining = Match(c.OrderId, c.Side, LimitKey(c.Side, c.Price), c.Quantity, c.AccountId, out var selfTrade);
                if (remaining == 0)
                {
                    return;
                }

                if (selfTrade)
                {
                    Emit(EventType.Cancelled, c.OrderId, c.AccountId, c.Side, c.Price, remaining, 0, (byte)CancelReason.SelfTradePrevention);
                }
                else if (c.TimeInForce == TimeInForce.Ioc)
                {
                    Emit(EventType.Cancelled, c.OrderId, c.AccountId, c.Side, c.Price, remaining, 0, (byte)CancelReason.ImmediateOrCancelRemainder);
                }
                else
                {
                    Rest(c.OrderId, c.Side, c.Price, remaining, c.AccountId, c.TimeInForce == TimeInForce.Day, emit: true);
                }

                return;
        }
    }

    private void Market(in OrderCommand c)
    {
        var reason = RejectReason.None;
        if (c.Quantity <= 0)
        {
            reason = RejectReason.InvalidQuantity;
        }
        else if (c.Side > Side.Sell)
        {
            reason = RejectReason.InvalidCommand;
        }
        else if (_lot != 1 && c.Quantity % _lot != 0)
        {
            reason = RejectReason.LotSize;
        }
        else if (_index.Get(c.OrderId) != None)
        {
            reason = RejectReason.DuplicateOrderId;
        }

        if (reason != RejectReason.None)
        {
            Reject(c.OrderId, c.AccountId, reason);
            return;
        }

        Emit(EventType.Accepted, c.OrderId, c.AccountId, c.Side, 0, c.Quantity, 0, 0);
        var remaining = Match(c.OrderId, c.Side, MarketLimitKey, c.Quantity, c.AccountId, out var selfTrade);
        if (remaining > 0)
        {
            var why = selfTrade ? CancelReason.SelfTradePrevention : CancelReason.MarketRemainder;
            Emit(EventType.Cancelled, c.OrderId, c.AccountId, c.Side, 0, remaining, 0, (byte)why);
        }
    }

    private void Cancel(long orderId)
    {
        var slot = _index.Get(orderId);
        if (slot == None)
        {
            Reject(orderId, 0, RejectReason.UnknownOrder);
            return;
        }

        ref var o = ref _orders[slot];
        Emit(EventType.Cancelled, orderId, o.AccountId, o.Side, o.Price, o.Quantity, 0, (byte)CancelReason.Requested);
        RemoveResting(slot);
    }

    private void Replace(long orderId, long newPrice, long newQuantity)
    {
        var slot = _index.Get(orderId);
        var reason = slot == None ? RejectReason.UnknownOrder : ValidateLimit(newPrice, newQuantity);
        if (reason != RejectReason.None)
        {
            Reject(orderId, slot == None ? 0 : _orders[slot].AccountId, reason);
            return;
        }

        ref var o = ref _orders[slot];
        var side = o.Side;
        Emit(EventType.Replaced, orderId, o.AccountId, side, newPrice, newQuantity, 0, 0);
        if (newPrice == o.Price && newQuantity <= o.Quantity)
        {
            // Same price, quantity down (or equal): keeps time priority.
            var reduction = o.Quantity - newQuantity;
            if (reduction != 0)
            {
                o.Quantity = newQuantity;
                ref var level = ref _levels[o.Level];
                level.TotalQuantity -= reduction;
                EmitLevel(ref level);
            }

            return;
        }

        // Anything else loses priority: leave the level, then arrive again as an aggressive GTC limit order. The node
        // and its id-table entry are kept through the move (a replace is most of a busy book's traffic), and released
        // only if nothing of the order is left to rest.
        var account = o.AccountId;
        Unlink(slot);
        var remaining = Match(orderId, side, LimitKey(side, newPrice), newQuantity, account, out var selfTrade);
        if (remaining > 0 && !selfTrade)
        {
            ref var moved = ref _orders[slot];
            moved.Price = newPrice;
            moved.Quantity = remaining;
            Link(slot, emit: true);
            return;
        }

        _index.Remove(orderId);
        FreeOrder(slot);
        if (selfTrade)
        {
            Emit(EventType.Cancelled, orderId, account, side, newPrice, remaining, 0, (byte)CancelReason.SelfTradePrevention);
        }
    }

    private void EndOfSession()
    {
        CancelDayOrders(_bids);
        CancelDayOrders(_asks);
    }

    private void CancelDayOrders(PriceLadder ladder)
    {
        for (var levelIndex = ladder.Best(); levelIndex != None;)
        {
            // Read before the level may be freed by the last cancel.
            var price = _levels[levelIndex].Price;
            var slot = _levels[levelIndex].Head;
            while (slot != None)
            {
                ref var o = ref _orders[slot];
                var next = o.Next;
                if (o.IsDay)
                {
                    Emit(EventType.Cancelled, o.Id, o.AccountId, o.Side, o.Price, o.Quantity, 0, (byte)CancelReason.EndOfSession);
                    RemoveResting(slot);
                }

                slot = next;
            }

            levelIndex = ladder.NextWorse(price);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private RejectReason ValidateLimit(long price, long quantity)
    {
        if (quantity <= 0)
        {
            return RejectReason.InvalidQuantity;
        }

        if (price <= 0)
        {
            return RejectReason.InvalidPrice;
        }

        // The divisions are skipped for the common unit tick and lot: a 64-bit division costs tens of cycles.
        if (_lot != 1 && quantity % _lot != 0)
        {
            return RejectReason.LotSize;
        }

        if (_tick != 1 && price % _tick != 0)
        {
            return RejectReason.TickSize;
        }

        if (price < _lowerLimit || price > _upperLimit)
        {
            return RejectReason.PriceBand;
        }

        return RejectReason.None;
    }

    private bool Crosses(Side side, long price)
    {
        var opposite = _ladders[(int)side ^ 1];
        return opposite.Best() != None && opposite.BestKey >= opposite.KeyOf(price);
    }

    private bool FokFillable(Side side, long limit, long quantity, long account)
    {
        var ladder = _ladders[(int)side ^ 1];
        var limitKey = ladder.KeyOf(limit);
        long available = 0;
        for (var levelIndex = ladder.Best(); levelIndex != None; levelIndex = ladder.NextWorse(_levels[levelIndex].Price))
        {
            ref var level = ref _levels[levelIndex];
            if (ladder.KeyOf(level.Price) < limitKey)
            {
                return false;
            }

            for (var slot = level.Head; slot != None; slot = _orders[slot].Next)
            {
                ref var maker = ref _orders[slot];
                if (maker.AccountId == account)
                {
                    return false;
                }

                available += maker.Quantity;
                if (available >= quantity)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A market order crosses every price: every key of the opposite ladder is at least this.</summary>
    private const long MarketLimitKey = long.MinValue;

    /// <summary>
    /// An incoming order's limit price as a key of the opposite ladder, where a maker is crossed when its key is at
    /// least this: one comparison for both sides, no branch on the side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long LimitKey(Side side, long price) => _ladders[(int)side ^ 1].KeyOf(price);

    /// <summary>Matches an incoming order against the opposite side.</summary>
    /// <returns>The quantity left; <paramref name="selfTrade"/> tells whether self-trade prevention stopped it.</returns>
    /// <param name="limitKey">The limit as a key of the opposite ladder (<see cref="LimitKey"/>), or <see cref="MarketLimitKey"/>.</param>
    private long Match(long takerId, Side side, long limitKey, long quantity, long account, out bool selfTrade)
    {
        selfTrade = false;
        var ladder = _ladders[(int)side ^ 1];
        while (quantity > 0)
        {
            var levelIndex = ladder.Best();
            if (levelIndex == None)
            {
                break;
            }

            ref var level = ref _levels[levelIndex];
            var price = level.Price;
            if (ladder.BestKey < limitKey)
            {
                break;
            }

            var traded = false;
            var slot = level.Head;
            while (quantity > 0 && slot != None)
            {
                ref var maker = ref _orders[slot];
                if (maker.AccountId == account)
                {
                    selfTrade = true;
                    break;
                }

                var fill = quantity < maker.Quantity ? quantity : maker.Quantity;
                quantity -= fill;
                maker.Quantity -= fill;
                level.TotalQuantity -= fill;
                traded = true;
                EmitTrade(takerId, account, quantity, maker.Id, maker.AccountId, maker.Quantity, side, price, fill);
                if (maker.Quantity == 0)
                {
                    var next = maker.Next;
                    _index.Remove(maker.Id);
                    level.Head = next;
                    if (next == None)
                    {
                        level.Tail = None;
                    }
                    else
                    {
                        _orders[next].Prev = None;
                    }

                    level.Count--;
                    FreeOrder(slot);
                    slot = next;
                }
            }

            if (traded)
            {
                EmitLevel(ref level);
            }

            if (level.Count == 0)
            {
                ladder.Remove(price);
                FreeLevel(levelIndex);
            }

            if (selfTrade)
            {
                break;
            }
        }

        return quantity;
    }

    private void Rest(long orderId, Side side, long price, long quantity, long account, bool isDay, bool emit)
    {
        var slot = AllocateOrder();
        ref var o = ref _orders[slot];
        o.Id = orderId;
        o.Price = price;
        o.Quantity = quantity;
        o.AccountId = account;
        o.Side = side;
        o.IsDay = isDay;
        _index.Add(orderId, slot);
        Link(slot, emit);
    }

    /// <summary>Appends an order node to the back of the level of its side and price, creating the level if needed.</summary>
    private void Link(int slot, bool emit)
    {
        ref var o = ref _orders[slot];
        var ladder = _ladders[(int)o.Side];
        var levelIndex = ladder.Find(o.Price);
        if (levelIndex == None)
        {
            levelIndex = AllocateLevel();
            ref var fresh = ref _levels[levelIndex];
            fresh.Price = o.Price;
            fresh.Side = o.Side;
            fresh.TotalQuantity = 0;
            fresh.Count = 0;
            fresh.Head = None;
            fresh.Tail = None;
            ladder.Add(o.Price, levelIndex);
        }

        ref var level = ref _levels[levelIndex];
        o.Level = levelIndex;
        o.Next = None;
        o.Prev = level.Tail;
        if (level.Tail == None)
        {
            level.Head = slot;
        }
        else
        {
            _orders[level.Tail].Next = slot;
        }

        level.Tail = slot;
        level.Count++;
        level.TotalQuantity += o.Quantity;
        if (emit)
        {
            EmitLevel(ref level);
        }
    }

    /// <summary>Removes a resting order from the book: unlinks it, forgets its id and frees its node.</summary>
    private void RemoveResting(int slot)
    {
        Unlink(slot);
        _index.Remove(_orders[slot].Id);
        FreeOrder(slot);
    }

    /// <summary>Unlinks an order node from its level, emits the level's change and frees the level if it became empty.</summary>
    private void Unlink(int slot)
    {
        ref var o = ref _orders[slot];
        var levelIndex = o.Level;
        ref var level = ref _levels[levelIndex];
        if (o.Prev == None)
        {
            level.Head = o.Next;
        }
        else
        {
            _orders[o.Prev].Next = o.Next;
        }

        if (o.Next == None)
        {
            level.Tail = o.Prev;
        }
        else
        {
            _orders[o.Next].Prev = o.Prev;
        }

        level.Count--;
        level.TotalQuantity -= o.Quantity;
        EmitLevel(ref level);
        if (level.Count == 0)
        {
            _ladders[(int)level.Side].Remove(level.Price);
            FreeLevel(levelIndex);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reject(long orderId, long account, RejectReason reason) => Emit(EventType.Rejected, orderId, account, Side.Buy, 0, 0, 0, (byte)reason);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EmitLevel(ref PriceLevel level) =>
        Emit(EventType.LevelChanged, 0, 0, level.Side, level.Price, level.TotalQuantity, level.Count, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Emit(EventType type, long orderId, long account, Side side, long price, long quantity, int orderCount, byte reason)
    {
        // Every field is written: the buffer's slots are reused, and a trade's fields must not linger in the next event.
        ref var e = ref _events.Next();
        e.Sequence = ++_eventSequence;
        e.CommandSequence = _commandSequence;
        e.OrderId = orderId;
        e.MakerOrderId = 0;
        e.Price = price;
        e.Quantity = quantity;
        e.AccountId = account;
        e.MakerAccountId = 0;
        e.LeavesQuantity = 0;
        e.MakerLeavesQuantity = 0;
        e.OrderCount = orderCount;
        e.Type = type;
        e.Side = side;
        e.Reason = reason;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EmitTrade(long takerId, long takerAccount, long takerLeaves, long makerId, long makerAccount, long makerLeaves, Side takerSide, long price, long quantity)
    {
        ref var e = ref _events.Next();
        e.Sequence = ++_eventSequence;
        e.CommandSequence = _commandSequence;
        e.OrderId = takerId;
        e.MakerOrderId = makerId;
        e.Price = price;
        e.Quantity = quantity;
        e.AccountId = takerAccount;
        e.MakerAccountId = makerAccount;
        e.LeavesQuantity = takerLeaves;
        e.MakerLeavesQuantity = makerLeaves;
        e.OrderCount = 0;
        e.Type = EventType.Trade;
        e.Side = takerSide;
        e.Reason = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int AllocateOrder()
    {
        var slot = _orderFree;
        if (slot != None)
        {
            _orderFree = _orders[slot].Next;
            return slot;
        }

        if (_orderHighWater == _orders.Length)
        {
            Array.Resize(ref _orders, _orders.Length * 2);
        }

        return _orderHighWater++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FreeOrder(int slot)
    {
        _orders[slot].Next = _orderFree;
        _orderFree = slot;
    }

    private int AllocateLevel()
    {
        var index = _levelFree;
        if (index != None)
        {
            _levelFree = _levels[index].Head;
            return index;
        }

        if (_levelHighWater == _levels.Length)
        {
            Array.Resize(ref _levels, _levels.Length * 2);
        }

        return _levelHighWater++;
    }

    private void FreeLevel(int index)
    {
        _levels[index].Head = _levelFree;
        _levelFree = index;
    }

    public bool TryGetOrder(long orderId, out RestingOrder order)
    {
        var slot = _index.Get(orderId);
        if (slot == None)
        {
            order = default;
            return false;
        }

        ref var o = ref _orders[slot];
        order = new RestingOrder(o.Id, o.Side, o.Price, o.Quantity, o.AccountId, o.IsDay);
        return true;
    }

    public bool TryGetBestPrice(Side side, out long price)
    {
        var best = _ladders[(int)side].Best();
        price = best == None ? 0 : _levels[best].Price;
        return best != None;
    }

    public IReadOnlyList<BookLevel> GetLevels(Side side)
    {
        var ladder = _ladders[(int)side];
        var result = new List<BookLevel>(ladder.Count);
        for (var levelIndex = ladder.Best(); levelIndex != None; levelIndex = ladder.NextWorse(_levels[levelIndex].Price))
        {
            ref var level = ref _levels[levelIndex];
            result.Add(new BookLevel(side, level.Price, level.TotalQuantity, level.Count));
        }

        return result;
    }

    public IReadOnlyList<RestingOrder> GetOrders()
    {
        var result = new List<RestingOrder>(_index.Count);
        foreach (var ladder in new[] { _bids, _asks })
        {
            for (var levelIndex = ladder.Best(); levelIndex != None; levelIndex = ladder.NextWorse(_levels[levelIndex].Price))
            {
                for (var slot = _levels[levelIndex].Head; slot != None; slot = _orders[slot].Next)
                {
                    ref var o = ref _orders[slot];
                    result.Add(new RestingOrder(o.Id, o.Side, o.Price, o.Quantity, o.AccountId, o.IsDay));
                }
            }
        }

        return result;
    }

    public ulong ComputeStateHash()
    {
        // Walks the pools directly rather than through GetOrders so that hashing a large book allocates nothing.
        var hash = BookStateHash.Create(_eventSequence);
        HashSide(ref hash, _bids);
        HashSide(ref hash, _asks);
        return hash.Finish();
    }

    private void HashSide(ref BookStateHash hash, PriceLadder ladder)
    {
        for (var levelIndex = ladder.Best(); levelIndex != None; levelIndex = ladder.NextWorse(_levels[levelIndex].Price))
        {
            for (var slot = _levels[levelIndex].Head; slot != None; slot = _orders[slot].Next)
            {
                ref var o = ref _orders[slot];
                hash.AddOrder(o.Id, o.Side, o.Price, o.Quantity, o.AccountId, o.IsDay);
            }
        }
    }

    public void Restore(long lastEventSequence, IReadOnlyList<RestingOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentOutOfRangeException.ThrowIfNegative(lastEventSequence);
        if (_index.Count != 0 || _eventSequence != 0)
        {
            throw new InvalidOperationException("A snapshot can only be restored into an empty book.");
        }

        foreach (var o in orders)
        {
            Rest(o.OrderId, o.Side, o.Price, o.Quantity, o.AccountId, o.IsDay, emit: false);
        }

        _eventSequence = lastEventSequence;
    }

    /// <summary>Checks every structural invariant; throws on the first broken one. For tests.</summary>
    internal void ValidateInternalState()
    {
        var seen = 0;
        foreach (var (ladder, side) in new[] { (_bids, Side.Buy), (_asks, Side.Sell) })
        {
            var levels = 0;
            long previousPrice = 0;
            for (var levelIndex = ladder.Best(); levelIndex != None; levelIndex = ladder.NextWorse(_levels[levelIndex].Price))
            {
                ref var level = ref _levels[levelIndex];
                Check(level.Side == side, "level on the wrong side");
                Check(ladder.Find(level.Price) == levelIndex, "ladder does not find the level by its price");
                if (levels > 0)
                {
                    Check(side == Side.Buy ? level.Price < previousPrice : level.Price > previousPrice, "levels not in priority order");
                }

                levels++;
                previousPrice = level.Price;

                Check(level.Count > 0, "empty level left in the ladder");
                long total = 0;
                var count = 0;
                var prev = None;
                for (var slot = level.Head; slot != None; slot = _orders[slot].Next)
                {
                    ref var o = ref _orders[slot];
                    Check(o.Prev == prev, "broken back link");
                    Check(o.Level == levelIndex && o.Price == level.Price && o.Side == side, "order in the wrong level");
                    Check(o.Quantity > 0, "non-positive resting quantity");
                    Check(_index.Get(o.Id) == slot, "index does not point at the order");
                    total += o.Quantity;
                    count++;
                    prev = slot;
                }

                Check(level.Tail == prev, "tail is not the last order");
                Check(level.Count == count, "level count differs from its orders");
                Check(level.TotalQuantity == total, "level total differs from its orders");
                seen += count;
            }

            Check(levels == ladder.Count, "ladder count differs from its levels");
        }

        Check(seen == _index.Count, "index holds orders that are not in the book");
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Order book invariant broken: " + what);
        }
    }

    private struct OrderNode
    {
        public long Id;
        public long Price;
        public long Quantity;
        public long AccountId;
        public int Level;
        public int Prev;
        public int Next;
        public Side Side;
        public bool IsDay;
    }

    private struct PriceLevel
    {
        public long Price;
        public long TotalQuantity;
        public int Count;

        /// <summary>The first order in time priority; while the level is free, the next free level.</summary>
        public int Head;
        public int Tail;
        public Side Side;
    }
}
