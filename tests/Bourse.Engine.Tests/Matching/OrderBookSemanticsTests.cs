using Bourse.Engine.Matching;

namespace Bourse.Engine.Tests.Matching;

/// <summary>The semantics, scenario by scenario, on both books: the reference book is the specification, the fast book must agree.</summary>
public sealed class OrderBookSemanticsTests
{
    public static TheoryData<string> Books => new() { "fast", "reference" };

    private static (IOrderBook Book, EventBuffer Events) Create(string kind, InstrumentSpec? spec = null)
    {
        var events = new EventBuffer();
        spec ??= InstrumentSpec.Unrestricted;
        IOrderBook book = kind == "fast" ? new OrderBook(spec, events) : new ReferenceOrderBook(spec, events);
        return (book, events);
    }

    private static MatchEvent[] Run(IOrderBook book, EventBuffer events, params OrderCommand[] commands)
    {
        events.Clear();
        foreach (var c in commands)
        {
            book.Process(c, book.LastEventSequence + 1);
        }

        return events.Events.ToArray();
    }

    private static (long Taker, long Maker, long Price, long Qty)[] Trades(MatchEvent[] events) =>
        events.Where(e => e.Type == EventType.Trade).Select(e => (e.OrderId, e.MakerOrderId, e.Price, e.Quantity)).ToArray();

    private static OrderCommand Buy(long id, long price, long qty, TimeInForce tif = TimeInForce.Gtc, long account = 1) =>
        OrderCommand.NewOrder(id, Side.Buy, price, qty, tif, account);

    private static OrderCommand Sell(long id, long price, long qty, TimeInForce tif = TimeInForce.Gtc, long account = 2) =>
        OrderCommand.NewOrder(id, Side.Sell, price, qty, tif, account);

    [Theory]
    [MemberData(nameof(Books))]
    public void Price_then_time_priority_and_trade_at_the_makers_price(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Sell(1, 101, 5), Sell(2, 100, 5), Sell(3, 100, 5, account: 3));
        var result = Run(book, events, Buy(10, 102, 12));
        Assert.Equal([(10L, 2L, 100L, 5L), (10L, 3L, 100L, 5L), (10L, 1L, 101L, 2L)], Trades(result));
        Assert.Equal([new BookLevel(Side.Sell, 101, 3, 1)], book.GetLevels(Side.Sell));
        Assert.Empty(book.GetLevels(Side.Buy));
        Assert.Equal(EventType.Accepted, result[0].Type);
        // Sequence numbers are gap-free across commands.
        Assert.Equal(Enumerable.Range(1, (int)book.LastEventSequence).Select(i => (long)i).TakeLast(result.Length), result.Select(e => e.Sequence));
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Ioc_remainder_is_cancelled_and_never_rests(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Sell(1, 100, 5));
        var result = Run(book, events, Buy(2, 100, 8, TimeInForce.Ioc));
        Assert.Equal([(2L, 1L, 100L, 5L)], Trades(result));
        var cancelled = Assert.Single(result, e => e.Type == EventType.Cancelled);
        Assert.Equal((2L, CancelReason.ImmediateOrCancelRemainder, 3L), (cancelled.OrderId, cancelled.CancelReason, cancelled.Quantity));
        Assert.Equal(0, book.OrderCount);
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Fok_fills_completely_or_is_killed_without_trading(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Sell(1, 100, 5), Sell(2, 101, 5));
        var killed = Run(book, events, Buy(3, 101, 11, TimeInForce.Fok));
        Assert.Empty(Trades(killed));
        Assert.Equal([EventType.Accepted, EventType.Cancelled], killed.Select(e => e.Type));
        Assert.Equal(CancelReason.FillOrKillUnfillable, killed[1].CancelReason);
        Assert.Equal(2, book.OrderCount);

        var filled = Run(book, events, Buy(4, 101, 10, TimeInForce.Fok));
        Assert.Equal([(4L, 1L, 100L, 5L), (4L, 2L, 101L, 5L)], Trades(filled));
        Assert.Equal(0, book.OrderCount);
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Fok_counts_only_liquidity_ahead_of_the_first_same_account_maker(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Sell(1, 100, 5, account: 2), Sell(2, 100, 5, account: 1), Sell(3, 100, 5, account: 2));
        var killed = Run(book, events, Buy(4, 100, 6, TimeInForce.Fok, account: 1));
        Assert.Empty(Trades(killed));
        Assert.Equal(3, book.OrderCount);
        var filled = Run(book, events, Buy(5, 100, 5, TimeInForce.Fok, account: 1));
        Assert.Equal([(5L, 1L, 100L, 5L)], Trades(filled));
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Post_only_is_rejected_when_it_reaches_the_best_opposite_price_whatever_the_account(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Sell(1, 100, 5, account: 1));
        var rejected = Run(book, events, Buy(2, 100, 5, TimeInForce.Post, account: 1));
        Assert.Equal(RejectReason.PostOnlyWouldCross, Assert.Single(rejected).RejectReason);
        var rested = Run(book, events, Buy(3, 99, 5, TimeInForce.Post));
        Assert.Equal([EventType.Accepted, EventType.LevelChanged], rested.Select(e => e.Type));
        Assert.Equal([new BookLevel(Side.Buy, 99, 5, 1)], book.GetLevels(Side.Buy));
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Market_order_sweeps_and_its_remainder_is_cancelled(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Buy(1, 100, 5), Buy(2, 90, 5));
        var result = Run(book, events, OrderCommand.MarketOrder(3, Side.Sell, 15, 7));
        Assert.Equal([(3L, 1L, 100L, 5L), (3L, 2L, 90L, 5L)], Trades(result));
        var cancelled = Assert.Single(result, e => e.Type == EventType.Cancelled);
        Assert.Equal((CancelReason.MarketRemainder, 5L), (cancelled.CancelReason, cancelled.Quantity));
        Assert.Equal(0, book.OrderCount);
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Self_trade_prevention_cancels_the_incoming_remainder_and_stops(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Sell(1, 100, 5, account: 2), Sell(2, 100, 5, account: 1), Sell(3, 100, 5, account: 2));
        var result = Run(book, events, Buy(4, 100, 12, account: 1));
        Assert.Equal([(4L, 1L, 100L, 5L)], Trades(result));
        var cancelled = Assert.Single(result, e => e.Type == EventType.Cancelled);
        Assert.Equal((4L, CancelReason.SelfTradePrevention, 7L), (cancelled.OrderId, cancelled.CancelReason, cancelled.Quantity));
        Assert.Equal([2L, 3L], book.GetOrders().Select(o => o.OrderId));
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Replace_down_in_quantity_keeps_priority_anything_else_loses_it(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Buy(1, 100, 10), Buy(2, 100, 10, account: 3));
        Run(book, events, OrderCommand.Replace(1, 100, 4));
        Assert.Equal([1L, 2L], book.GetOrders().Select(o => o.OrderId));
        var equal = Run(book, events, OrderCommand.Replace(1, 100, 4));
        Assert.Equal([EventType.Replaced], equal.Select(e => e.Type));
        Run(book, events, OrderCommand.Replace(1, 100, 5));
        Assert.Equal([2L, 1L], book.GetOrders().Select(o => o.OrderId));
        Run(book, events, OrderCommand.Replace(2, 101, 10), OrderCommand.Replace(2, 100, 10));
        Assert.Equal([1L, 2L], book.GetOrders().Select(o => o.OrderId));
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Replace_that_crosses_trades_like_a_new_aggressive_order_even_for_a_post_only_order(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Sell(1, 101, 3), Buy(2, 99, 10, TimeInForce.Post));
        var result = Run(book, events, OrderCommand.Replace(2, 101, 10));
        Assert.Equal([(2L, 1L, 101L, 3L)], Trades(result));
        Assert.Equal([new RestingOrder(2, Side.Buy, 101, 7, 1, false)], book.GetOrders());
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Cancel_or_replace_of_unknown_or_finished_orders_is_rejected_and_changes_nothing(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Sell(1, 100, 5), Buy(2, 100, 5));
        var hash = book.ComputeStateHash();
        var result = Run(book, events, OrderCommand.Cancel(1), OrderCommand.Replace(2, 100, 1), OrderCommand.Cancel(99));
        Assert.All(result, e => Assert.Equal((EventType.Rejected, RejectReason.UnknownOrder), (e.Type, e.RejectReason)));
        Assert.Equal(0, book.OrderCount);
        Assert.NotEqual(hash, book.ComputeStateHash()); // only the event sequence moved
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void A_new_order_may_not_reuse_a_live_id_but_may_reuse_a_finished_one(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Buy(1, 100, 5));
        Assert.Equal(RejectReason.DuplicateOrderId, Assert.Single(Run(book, events, Sell(1, 120, 5))).RejectReason);
        Assert.Equal(RejectReason.DuplicateOrderId, Assert.Single(Run(book, events, OrderCommand.MarketOrder(1, Side.Sell, 5, 3))).RejectReason);
        Run(book, events, OrderCommand.Cancel(1));
        Assert.Equal(EventType.Accepted, Run(book, events, Sell(1, 120, 5))[0].Type);
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Tick_lot_band_and_non_positive_values_are_rejected_with_a_reason(string kind)
    {
        var spec = new InstrumentSpec(1, TickSize: 10, LotSize: 100, ReferencePrice: 10_000, BandBasisPoints: 1_000);
        var (book, events) = Create(kind, spec);
        Assert.Equal(9_000, spec.LowerLimit);
        Assert.Equal(11_000, spec.UpperLimit);
        (OrderCommand Command, RejectReason Reason)[] cases =
        [
            (Buy(1, 10_000, 0), RejectReason.InvalidQuantity),
            (Buy(1, 0, 100), RejectReason.InvalidPrice),
            (Buy(1, 10_000, 150), RejectReason.LotSize),
            (Buy(1, 10_005, 100), RejectReason.TickSize),
            (Buy(1, 11_010, 100), RejectReason.PriceBand),
            (Buy(1, 8_990, 100), RejectReason.PriceBand),
            (OrderCommand.MarketOrder(1, Side.Buy, 150, 1), RejectReason.LotSize),
        ];
        foreach (var (command, reason) in cases)
        {
            var e = Assert.Single(Run(book, events, command));
            Assert.Equal((EventType.Rejected, reason), (e.Type, e.RejectReason));
        }

        Assert.Equal(EventType.Accepted, Run(book, events, Buy(1, 11_000, 100))[0].Type);
        Assert.Equal(RejectReason.PriceBand, Assert.Single(Run(book, events, OrderCommand.Replace(1, 11_100, 100))).RejectReason);
        Assert.Equal([new RestingOrder(1, Side.Buy, 11_000, 100, 1, false)], book.GetOrders());
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void End_of_session_cancels_day_orders_only(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Buy(1, 100, 5, TimeInForce.Day), Buy(2, 100, 5), Sell(3, 105, 5, TimeInForce.Day));
        var result = Run(book, events, OrderCommand.EndOfSession());
        Assert.Equal([1L, 3L], result.Where(e => e.Type == EventType.Cancelled).Select(e => e.OrderId));
        Assert.All(result.Where(e => e.Type == EventType.Cancelled), e => Assert.Equal(CancelReason.EndOfSession, e.CancelReason));
        Assert.Equal([2L], book.GetOrders().Select(o => o.OrderId));
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Level_changes_report_the_level_after_each_change(string kind)
    {
        var (book, events) = Create(kind);
        var rest = Run(book, events, Sell(1, 100, 5), Sell(2, 100, 7));
        Assert.Equal(new BookLevel(Side.Sell, 100, 12, 2), ToLevel(rest.Last()));
        var trade = Run(book, events, Buy(3, 100, 12));
        Assert.Equal(new BookLevel(Side.Sell, 100, 0, 0), ToLevel(trade.Single(e => e.Type == EventType.LevelChanged)));
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Restore_from_orders_gives_the_same_state_hash(string kind)
    {
        var (book, _) = Create(kind);
        foreach (var c in RandomCommandStream.Create(5, 2_000))
        {
            book.Process(c, book.LastEventSequence + 1);
        }

        var (copy, _) = Create(kind);
        copy.Restore(book.LastEventSequence, book.GetOrders());
        Assert.Equal(book.ComputeStateHash(), copy.ComputeStateHash());
        Assert.Equal(book.GetLevels(Side.Buy), copy.GetLevels(Side.Buy));
        Assert.Throws<InvalidOperationException>(() => copy.Restore(1, []));
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Each_trade_carries_both_accounts_and_what_each_order_has_left(string kind)
    {
        var (book, events) = Create(kind);
        Run(book, events, Sell(1, 100, 5, account: 2), Sell(2, 101, 5, account: 3));
        var sweep = Run(book, events, Buy(10, 101, 7, account: 1));
        Assert.Equal(
            [(10L, 1L, 2L, 1L, 2L, 0L, 5L), (10L, 1L, 0L, 2L, 3L, 3L, 2L)],
            sweep.Where(e => e.Type == EventType.Trade)
                .Select(e => (e.OrderId, e.AccountId, e.LeavesQuantity, e.MakerOrderId, e.MakerAccountId, e.MakerLeavesQuantity, e.Quantity)));

        // A replace that crosses trades as the resting order's own account.
        Run(book, events, Buy(11, 99, 4, account: 4));
        var replaced = Run(book, events, OrderCommand.Replace(2, 99, 3));
        Assert.Equal(3, replaced.Single(e => e.Type == EventType.Replaced).AccountId);
        var fill = replaced.Single(e => e.Type == EventType.Trade);
        Assert.Equal((2L, 3L, 0L, 11L, 4L, 1L), (fill.OrderId, fill.AccountId, fill.LeavesQuantity, fill.MakerOrderId, fill.MakerAccountId, fill.MakerLeavesQuantity));
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Every_event_about_an_order_names_its_account_and_level_changes_none(string kind)
    {
        var (book, events) = Create(kind);
        var accepted = Run(book, events, Buy(1, 100, 5, account: 7), Sell(2, 90, 5, TimeInForce.Post, account: 8), Buy(3, 0, 5, account: 9));
        Assert.Equal(
            [(EventType.Accepted, 7L), (EventType.LevelChanged, 0L), (EventType.Rejected, 8L), (EventType.Rejected, 9L)],
            accepted.Select(e => (e.Type, e.AccountId)));

        var later = Run(
            book, events, OrderCommand.Replace(1, 0, 5), OrderCommand.Replace(1, 100, 4), OrderCommand.Cancel(1), OrderCommand.Cancel(1),
            OrderCommand.MarketOrder(4, Side.Sell, 3, accountId: 6));
        Assert.Equal(
            [(EventType.Rejected, 7L), (EventType.Replaced, 7L), (EventType.LevelChanged, 0L), (EventType.Cancelled, 7L), (EventType.LevelChanged, 0L),
             (EventType.Rejected, 0L), (EventType.Accepted, 6L), (EventType.Cancelled, 6L)],
            later.Select(e => (e.Type, e.AccountId)));
        Assert.All(later.Concat(accepted).Where(e => e.Type != EventType.Trade), e => Assert.Equal((0L, 0L, 0L), (e.MakerAccountId, e.LeavesQuantity, e.MakerLeavesQuantity)));
    }

    private static BookLevel ToLevel(MatchEvent e)
    {
        Assert.Equal(EventType.LevelChanged, e.Type);
        return new BookLevel(e.Side, e.Price, e.Quantity, e.OrderCount);
    }
}
