using Bourse.Engine.Matching;
using Bourse.EngineHost.Commands;

namespace Bourse.EngineHost.Tests.Commands;

/// <summary>
/// The generator's book model on small cases of each rule it models. (Whole streams are checked against the Python
/// reference engine in <see cref="ReferenceEngineConformanceTests"/>.)
/// </summary>
public sealed class ShadowBookTests
{
    private readonly ShadowBook _book = new(priceLimit: 1_000);

    [Fact]
    public void A_taker_walks_the_levels_in_price_then_time_order_and_trades_at_the_makers_prices()
    {
        Rest(1, Side.Sell, 102, 5, account: 1);
        Rest(2, Side.Sell, 101, 5, account: 2);
        Rest(3, Side.Sell, 101, 5, account: 3);

        bool rests = _book.NewOrder(4, Side.Buy, 102, 12, TimeInForce.Ioc, 9);

        Assert.False(rests);
        Assert.Equal(3, _book.Trades);
        Assert.Equal(1, _book.CommandsWithTrades);
        Assert.Equal([(1L, 3L)], Orders());
        Assert.Equal(102, _book.BestAsk);
        Assert.Equal(1, _book.AskLevels);
    }

    [Fact]
    public void A_gtc_remainder_rests_at_its_limit()
    {
        Rest(1, Side.Sell, 101, 5, account: 1);

        Assert.True(_book.NewOrder(2, Side.Buy, 103, 8, TimeInForce.Gtc, 2));
        Assert.Equal([(2L, 3L)], Orders());
        Assert.Equal(103, _book.BestBid);
        Assert.Equal(0, _book.AskOrders);
    }

    [Fact]
    public void Self_trade_prevention_cancels_the_takers_remainder()
    {
        Rest(1, Side.Sell, 101, 5, account: 2);
        Rest(2, Side.Sell, 101, 5, account: 7);
        Rest(3, Side.Sell, 101, 5, account: 2);

        bool rests = _book.NewOrder(4, Side.Buy, 101, 15, TimeInForce.Gtc, 7);

        Assert.False(rests);
        Assert.Equal(1, _book.Trades);
        Assert.Equal([(2L, 5L), (3L, 5L)], Orders());
    }

    [Fact]
    public void Fill_or_kill_counts_liquidity_only_up_to_the_first_own_maker()
    {
        Rest(1, Side.Sell, 101, 5, account: 1);
        Rest(2, Side.Sell, 102, 5, account: 2);
        Rest(3, Side.Sell, 103, 5, account: 3);

        _ = _book.NewOrder(10, Side.Buy, 101, 8, TimeInForce.Fok, 9); // not enough at 101
        _ = _book.NewOrder(11, Side.Buy, 103, 12, TimeInForce.Fok, 2); // own order at 102 blocks
        Assert.Equal(0, _book.Trades);

        _ = _book.NewOrder(12, Side.Buy, 102, 8, TimeInForce.Fok, 9);
        Assert.Equal(2, _book.Trades);
        Assert.Equal([(2L, 2L), (3L, 5L)], Orders());
    }

    [Fact]
    public void A_post_only_order_that_would_cross_does_not_rest()
    {
        Rest(1, Side.Buy, 100, 5, account: 1);

        Assert.False(_book.NewOrder(2, Side.Sell, 100, 5, TimeInForce.Post, 2));
        Assert.True(_book.NewOrder(3, Side.Sell, 101, 5, TimeInForce.Post, 2));
        Assert.Equal(0, _book.Trades);
    }

    [Fact]
    public void A_market_order_sweeps_and_never_rests()
    {
        Rest(1, Side.Buy, 100, 5, account: 1);
        Rest(2, Side.Buy, 90, 5, account: 2);

        _book.Market(Side.Sell, 20, accountId: 3);

        Assert.Equal(2, _book.Trades);
        Assert.Equal(0, _book.Count);
        Assert.Equal(0, _book.BidLevels);
    }

    [Fact]
    public void Lowering_the_quantity_in_place_keeps_priority_any_other_replace_loses_it()
    {
        Rest(1, Side.Buy, 100, 5, account: 1);
        Rest(2, Side.Buy, 100, 5, account: 2);
        Rest(3, Side.Buy, 100, 5, account: 3);

        Assert.True(_book.Replace(Slot(1), 100, 4)); // keeps its place
        Assert.True(_book.Replace(Slot(2), 100, 6)); // more quantity: goes to the back
        _ = _book.NewOrder(4, Side.Sell, 100, 9, TimeInForce.Ioc, 9);

        Assert.Equal([(2L, 6L)], Orders());
    }

    [Fact]
    public void A_replace_through_the_touch_trades_and_rests_its_remainder()
    {
        Rest(1, Side.Sell, 105, 3, account: 1);
        Rest(2, Side.Buy, 100, 5, account: 2);

        Assert.True(_book.Replace(Slot(2), 106, 5));

        Assert.Equal(1, _book.Trades);
        Assert.Equal([(2L, 2L)], Orders());
        Assert.Equal(106, _book.BestBid);
    }

    [Fact]
    public void The_touch_moves_to_the_next_level_when_the_best_empties()
    {
        Rest(1, Side.Buy, 100, 5, account: 1);
        Rest(2, Side.Buy, 97, 5, account: 1);
        Rest(3, Side.Sell, 110, 5, account: 1);
        Rest(4, Side.Sell, 114, 5, account: 1);

        _book.Cancel(Slot(1));
        _book.Cancel(Slot(3));

        Assert.Equal(97, _book.BestBid);
        Assert.Equal(114, _book.BestAsk);
        Assert.Equal(1, _book.BidLevels);
        Assert.Equal(1, _book.AskLevels);
    }

    [Fact]
    public void Prices_outside_the_model_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _book.NewOrder(1, Side.Buy, 0, 1, TimeInForce.Gtc, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _book.NewOrder(1, Side.Buy, 1_000, 1, TimeInForce.Gtc, 1));
    }

    private void Rest(long id, Side side, long price, long quantity, long account) =>
        Assert.True(_book.NewOrder(id, side, price, quantity, TimeInForce.Gtc, account));

    private int Slot(long id)
    {
        for (int slot = 0; slot < _book.Count; slot++)
        {
            if (_book[slot].Id == id)
            {
                return slot;
            }
        }

        throw new InvalidOperationException($"order {id} is not resting");
    }

    private (long Id, long Quantity)[] Orders() =>
        [.. Enumerable.Range(0, _book.Count).Select(slot => (_book[slot].Id, _book[slot].Quantity)).Order()];
}
