using Bourse.Engine.Matching;

namespace Bourse.Engine.Tests.Matching;

/// <summary>
/// The specification of <see cref="IOrderBook"/>, written to be obviously right rather than fast: sorted maps of
/// price → queue, a dictionary of live orders, lists and LINQ-free loops. The fast book must match it event for event.
/// </summary>
/// <remarks>
/// Event rules (both books): a valid new or market order emits Accepted first; each fill emits Trade; leaving a maker
/// level after trading at it emits its LevelChanged; a remainder either rests (LevelChanged of its level) or is
/// Cancelled with the reason. A replace emits Replaced, then either LevelChanged (quantity down, same price) or the old
/// level's LevelChanged and the new arrival's events. A cancel emits Cancelled then LevelChanged. Every event about an
/// order carries that order's account (a new order's own, a resting order's for anything else, 0 for an unknown id); a
/// trade carries both accounts and what each order has left after the fill.
/// </remarks>
internal sealed class ReferenceOrderBook : IOrderBook
{
    private readonly EventBuffer _events;
    private readonly SortedDictionary<long, LinkedList<Order>> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, LinkedList<Order>> _asks = new();
    private readonly Dictionary<long, Order> _live = [];
    private long _sequence;
    private long _commandSequence;

    public ReferenceOrderBook(InstrumentSpec spec, EventBuffer events)
    {
        Spec = spec;
        _events = events;
    }

    public InstrumentSpec Spec { get; }

    public int OrderCount => _live.Count;

    public long LastEventSequence => _sequence;

    public void Process(in OrderCommand command, long commandSequence)
    {
        _commandSequence = commandSequence;
        switch (command.Type)
        {
            case CommandType.NewOrder: NewOrder(command); break;
            case CommandType.Market: Market(command); break;
            case CommandType.Cancel: Cancel(command.OrderId); break;
            case CommandType.Replace: Replace(command.OrderId, command.Price, command.Quantity); break;
            case CommandType.EndOfSession: EndOfSession(); break;
            default: Reject(command.OrderId, command.AccountId, RejectReason.InvalidCommand); break;
        }
    }

    private RejectReason CheckLimit(long price, long qty)
    {
        if (qty <= 0) return RejectReason.InvalidQuantity;
        if (price <= 0) return RejectReason.InvalidPrice;
        if (qty % Spec.LotSize != 0) return RejectReason.LotSize;
        if (price % Spec.TickSize != 0) return RejectReason.TickSize;
        if (price < Spec.LowerLimit || price > Spec.UpperLimit) return RejectReason.PriceBand;
        return RejectReason.None;
    }

    private void NewOrder(OrderCommand c)
    {
        var reason = CheckLimit(c.Price, c.Quantity);
        if (reason == RejectReason.None && (c.Side is not (Side.Buy or Side.Sell) || !Enum.IsDefined(c.TimeInForce))) reason = RejectReason.InvalidCommand;
        if (reason == RejectReason.None && _live.ContainsKey(c.OrderId)) reason = RejectReason.DuplicateOrderId;
        if (reason == RejectReason.None && c.TimeInForce == TimeInForce.Post && BestOppositeCrosses(c.Side, c.Price)) reason = RejectReason.PostOnlyWouldCross;
        if (reason != RejectReason.None)
        {
            Reject(c.OrderId, c.AccountId, reason);
            return;
        }

        Emit(new MatchEvent { Type = EventType.Accepted, OrderId = c.OrderId, AccountId = c.AccountId, Side = c.Side, Price = c.Price, Quantity = c.Quantity });
        if (c.TimeInForce == TimeInForce.Post)
        {
            Rest(new Order(c.OrderId, c.Side, c.Price, c.Quantity, c.AccountId, false));
            return;
        }

        if (c.TimeInForce == TimeInForce.Fok && !FillableWithoutSelfTrade(c.Side, c.Price, c.Quantity, c.AccountId))
        {
            EmitCancelled(c.OrderId, c.AccountId, c.Side, c.Price, c.Quantity, CancelReason.FillOrKillUnfillable);
            return;
        }

        var (left, selfTrade) = Match(c.OrderId, c.Side, c.Price, c.Quantity, c.AccountId);
        if (left == 0) return;
        if (selfTrade) EmitCancelled(c.OrderId, c.AccountId, c.Side, c.Price, left, CancelReason.SelfTradePrevention);
        else if (c.TimeInForce == TimeInForce.Ioc) EmitCancelled(c.OrderId, c.AccountId, c.Side, c.Price, left, CancelReason.ImmediateOrCancelRemainder);
        else Rest(new Order(c.OrderId, c.Side, c.Price, left, c.AccountId, c.TimeInForce == TimeInForce.Day));
    }

    private void Market(OrderCommand c)
    {
        RejectReason reason;
        if (c.Quantity <= 0) reason = RejectReason.InvalidQuantity;
        else if (c.Side is not (Side.Buy or Side.Sell)) reason = RejectReason.InvalidCommand;
        else if (c.Quantity % Spec.LotSize != 0) reason = RejectReason.LotSize;
        else if (_live.ContainsKey(c.OrderId)) reason = RejectReason.DuplicateOrderId;
        else reason = RejectReason.None;
        if (reason != RejectReason.None)
        {
            Reject(c.OrderId, c.AccountId, reason);
            return;
        }

        Emit(new MatchEvent { Type = EventType.Accepted, OrderId = c.OrderId, AccountId = c.AccountId, Side = c.Side, Quantity = c.Quantity });
        var (left, selfTrade) = Match(c.OrderId, c.Side, null, c.Quantity, c.AccountId);
        if (left > 0) EmitCancelled(c.OrderId, c.AccountId, c.Side, 0, left, selfTrade ? CancelReason.SelfTradePrevention : CancelReason.MarketRemainder);
    }

    private void Cancel(long id)
    {
        if (!_live.TryGetValue(id, out var o))
        {
            Reject(id, 0, RejectReason.UnknownOrder);
            return;
        }

        EmitCancelled(id, o.AccountId, o.Side, o.Price, o.Quantity, CancelReason.Requested);
        Unrest(o);
    }

    private void Replace(long id, long price, long qty)
    {
        if (!_live.TryGetValue(id, out var o))
        {
            Reject(id, 0, RejectReason.UnknownOrder);
            return;
        }

        var reason = CheckLimit(price, qty);
        if (reason != RejectReason.None)
        {
            Reject(id, o.AccountId, reason);
            return;
        }

        Emit(new MatchEvent { Type = EventType.Replaced, OrderId = id, AccountId = o.AccountId, Side = o.Side, Price = price, Quantity = qty });
        if (price == o.Price && qty <= o.Quantity)
        {
            if (qty < o.Quantity)
            {
                o.Quantity = qty;
                EmitLevel(o.Side, price);
            }

            return;
        }

        Unrest(o);
        var (left, selfTrade) = Match(id, o.Side, price, qty, o.AccountId);
        if (left == 0) return;
        if (selfTrade) EmitCancelled(id, o.AccountId, o.Side, price, left, CancelReason.SelfTradePrevention);
        else Rest(new Order(id, o.Side, price, left, o.AccountId, o.IsDay));
    }

    private void EndOfSession()
    {
        foreach (var o in GetOrders())
        {
            if (!o.IsDay) continue;
            EmitCancelled(o.OrderId, o.AccountId, o.Side, o.Price, o.Quantity, CancelReason.EndOfSession);
            Unrest(_live[o.OrderId]);
        }
    }

    private SortedDictionary<long, LinkedList<Order>> Opposite(Side side) => side == Side.Buy ? _asks : _bids;

    private static bool Reaches(Side takerSide, long makerPrice, long? limit) =>
        limit is null || (takerSide == Side.Buy ? makerPrice <= limit : makerPrice >= limit);

    private bool BestOppositeCrosses(Side side, long price)
    {
        var opposite = Opposite(side);
        return opposite.Count > 0 && Reaches(side, opposite.Keys.First(), price);
    }

    private bool FillableWithoutSelfTrade(Side side, long limit, long qty, long account)
    {
        long available = 0;
        foreach (var (price, queue) in Opposite(side))
        {
            if (!Reaches(side, price, limit)) return false;
            foreach (var maker in queue)
            {
                if (maker.AccountId == account) return false;
                available += maker.Quantity;
                if (available >= qty) return true;
            }
        }

        return false;
    }

    private (long Left, bool SelfTrade) Match(long takerId, Side side, long? limit, long qty, long account)
    {
        var opposite = Opposite(side);
        while (qty > 0 && opposite.Count > 0)
        {
            var (price, queue) = opposite.First();
            if (!Reaches(side, price, limit)) break;
            var tradedHere = false;
            var selfTrade = false;
            while (qty > 0 && queue.Count > 0)
            {
                var maker = queue.First!.Value;
                if (maker.AccountId == account)
                {
                    selfTrade = true;
                    break;
                }

                var fill = Math.Min(qty, maker.Quantity);
                qty -= fill;
                maker.Quantity -= fill;
                tradedHere = true;
                Emit(new MatchEvent
                {
                    Type = EventType.Trade, OrderId = takerId, AccountId = account, LeavesQuantity = qty,
                    MakerOrderId = maker.Id, MakerAccountId = maker.AccountId, MakerLeavesQuantity = maker.Quantity,
                    Side = side, Price = price, Quantity = fill,
                });
                if (maker.Quantity == 0)
                {
                    queue.RemoveFirst();
                    _live.Remove(maker.Id);
                }
            }

            if (tradedHere) EmitLevel(queue, side == Side.Buy ? Side.Sell : Side.Buy, price);
            if (queue.Count == 0) opposite.Remove(price);
            if (selfTrade) return (qty, true);
        }

        return (qty, false);
    }

    private void Rest(Order o)
    {
        var levels = o.Side == Side.Buy ? _bids : _asks;
        if (!levels.TryGetValue(o.Price, out var queue))
        {
            queue = new LinkedList<Order>();
            levels.Add(o.Price, queue);
        }

        queue.AddLast(o);
        _live.Add(o.Id, o);
        EmitLevel(o.Side, o.Price);
    }

    private void Unrest(Order o)
    {
        var levels = o.Side == Side.Buy ? _bids : _asks;
        var queue = levels[o.Price];
        queue.Remove(o);
        _live.Remove(o.Id);
        EmitLevel(queue, o.Side, o.Price);
        if (queue.Count == 0) levels.Remove(o.Price);
    }

    private void EmitLevel(Side side, long price) => EmitLevel((side == Side.Buy ? _bids : _asks)[price], side, price);

    private void EmitLevel(LinkedList<Order> queue, Side side, long price)
    {
        long total = 0;
        foreach (var o in queue) total += o.Quantity;
        Emit(new MatchEvent { Type = EventType.LevelChanged, Side = side, Price = price, Quantity = total, OrderCount = queue.Count });
    }

    private void Reject(long id, long account, RejectReason reason) =>
        Emit(new MatchEvent { Type = EventType.Rejected, OrderId = id, AccountId = account, Reason = (byte)reason });

    private void EmitCancelled(long id, long account, Side side, long price, long qty, CancelReason reason) =>
        Emit(new MatchEvent { Type = EventType.Cancelled, OrderId = id, AccountId = account, Side = side, Price = price, Quantity = qty, Reason = (byte)reason });

    private void Emit(MatchEvent e)
    {
        e.Sequence = ++_sequence;
        e.CommandSequence = _commandSequence;
        _events.Next() = e;
    }

    public bool TryGetOrder(long orderId, out RestingOrder order)
    {
        order = _live.TryGetValue(orderId, out var o) ? new RestingOrder(o.Id, o.Side, o.Price, o.Quantity, o.AccountId, o.IsDay) : default;
        return o is not null;
    }

    public bool TryGetBestPrice(Side side, out long price)
    {
        var levels = side == Side.Buy ? _bids : _asks;
        price = levels.Count > 0 ? levels.Keys.First() : 0;
        return levels.Count > 0;
    }

    public IReadOnlyList<BookLevel> GetLevels(Side side)
    {
        var result = new List<BookLevel>();
        foreach (var (price, queue) in side == Side.Buy ? _bids : _asks)
        {
            long total = 0;
            foreach (var o in queue) total += o.Quantity;
            result.Add(new BookLevel(side, price, total, queue.Count));
        }

        return result;
    }

    public IReadOnlyList<RestingOrder> GetOrders()
    {
        var result = new List<RestingOrder>();
        foreach (var levels in new[] { _bids, _asks })
        {
            foreach (var queue in levels.Values)
            {
                foreach (var o in queue) result.Add(new RestingOrder(o.Id, o.Side, o.Price, o.Quantity, o.AccountId, o.IsDay));
            }
        }

        return result;
    }

    public ulong ComputeStateHash() => BookStateHash.Of(_sequence, GetOrders());

    public void Restore(long lastEventSequence, IReadOnlyList<RestingOrder> orders)
    {
        if (_live.Count != 0 || _sequence != 0) throw new InvalidOperationException("not empty");
        foreach (var o in orders)
        {
            var order = new Order(o.OrderId, o.Side, o.Price, o.Quantity, o.AccountId, o.IsDay);
            var levels = o.Side == Side.Buy ? _bids : _asks;
            if (!levels.TryGetValue(o.Price, out var queue)) levels.Add(o.Price, queue = new LinkedList<Order>());
            queue.AddLast(order);
            _live.Add(o.OrderId, order);
        }

        _sequence = lastEventSequence;
    }

    private sealed class Order(long id, Side side, long price, long quantity, long accountId, bool isDay)
    {
        public long Id { get; } = id;
        public Side Side { get; } = side;
        public long Price { get; } = price;
        public long Quantity { get; set; } = quantity;
        public long AccountId { get; } = accountId;
        public bool IsDay { get; } = isDay;
    }
}
