using Bourse.Engine.Matching;
using CsCheck;

namespace Bourse.Engine.Tests.Matching;

/// <summary>The fast book against the reference book: identical events, levels, orders and state hashes.</summary>
public sealed class OrderBookDifferentialTests
{
    private static readonly InstrumentSpec Restricted = new(7, TickSize: 5, LotSize: 10, ReferencePrice: 5_000, BandBasisPoints: 100);

    private static Gen<OrderCommand> CommandGen(long tick, long lot, long mid, long priceStep = 1) =>
        Gen.Select(Gen.Long[1, 40], Gen.Int[0, 1], Gen.Long[-12, 12], Gen.Long[-1, 12], Gen.Long[1, 4], Gen.Int[0, 99])
            .Select((id, side, offset, lots, account, roll) =>
            {
                var s = side == 0 ? Side.Buy : Side.Sell;
                var priceOffset = offset * priceStep;
                // Mostly on the grid; a few prices and quantities off it or non-positive, to exercise every rejection.
                var price = roll % 17 == 0 ? (mid + priceOffset) * tick + 1 : (mid + priceOffset) * tick;
                var qty = roll % 13 == 0 ? (lots * lot) + 1 : lots * lot;
                return roll switch
                {
                    < 22 => OrderCommand.NewOrder(id, s, price, qty, TimeInForce.Gtc, account),
                    < 28 => OrderCommand.NewOrder(id, s, price, qty, TimeInForce.Day, account),
                    < 34 => OrderCommand.NewOrder(id, s, price, qty, TimeInForce.Ioc, account),
                    < 41 => OrderCommand.NewOrder(id, s, price, qty * 2, TimeInForce.Fok, account),
                    < 47 => OrderCommand.NewOrder(id, s, price, qty, TimeInForce.Post, account),
                    < 52 => OrderCommand.MarketOrder(id, s, qty, account),
                    < 63 => OrderCommand.Cancel(id),
                    < 98 => OrderCommand.Replace(id, price, qty),
                    _ => OrderCommand.EndOfSession(),
                };
            });

    [Fact]
    public void Random_streams_give_identical_events_and_books_unrestricted() =>
        CommandGen(1, 1, 100).Array[1, 300].Sample(commands => AssertSameBehaviour(InstrumentSpec.Unrestricted, commands), iter: 3_000, seed: "0N0XIzNsQ0O2");

    [Fact]
    public void Random_streams_give_identical_events_and_books_with_tick_lot_and_band() =>
        CommandGen(Restricted.TickSize, Restricted.LotSize, Restricted.ReferencePrice / Restricted.TickSize)
            .Array[1, 300].Sample(commands => AssertSameBehaviour(Restricted, commands), iter: 2_000, seed: "0N0XIzNsQ0O2");

    /// <summary>Prices 700 ticks apart around a low mid, so levels fall outside a 4,096-tick window and into the overflow.</summary>
    [Fact]
    public void Random_streams_give_identical_events_and_books_when_prices_leave_the_price_window() =>
        CommandGen(1, 1, 8_500, priceStep: 700).Array[1, 300]
            .Sample(commands => AssertSameBehaviour(InstrumentSpec.Unrestricted, commands, priceWindowTicks: 4_096), iter: 2_000, seed: "0N0XIzNsQ0O2");

    [Fact]
    public void Random_streams_give_identical_events_and_books_with_fresh_seeds() =>
        CommandGen(1, 1, 100).Array[1, 200].Sample(commands => AssertSameBehaviour(InstrumentSpec.Unrestricted, commands), iter: 1_000);

    /// <summary>exchange-core's multipleCommandsCompareTest: a long fixed-seed run, compared every 1,000 commands.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Long_fixed_seed_run_matches_reference_at_every_checkpoint(int seed)
    {
        var commands = RandomCommandStream.Create(seed, 100_000, idSpace: 3_000, priceSpread: 60, accounts: 30);
        var fastEvents = new EventBuffer();
        var referenceEvents = new EventBuffer();
        var fast = new OrderBook(InstrumentSpec.Unrestricted, fastEvents, new OrderBookOptions { InitialOrderCapacity = 16, InitialLevelCapacity = 4 });
        var reference = new ReferenceOrderBook(InstrumentSpec.Unrestricted, referenceEvents);
        var trades = 0;
        var deepest = 0;
        for (var i = 0; i < commands.Length; i++)
        {
            fast.Process(commands[i], i + 1);
            reference.Process(commands[i], i + 1);
            Assert.True(fastEvents.Events.SequenceEqual(referenceEvents.Events), $"events differ at command {i + 1}: {commands[i]}");
            foreach (var e in fastEvents.Events)
            {
                trades += e.Type == EventType.Trade ? 1 : 0;
            }

            fastEvents.Clear();
            referenceEvents.Clear();
            deepest = Math.Max(deepest, fast.OrderCount);
            if ((i + 1) % 1_000 == 0)
            {
                AssertSameBook(fast, reference);
            }
        }

        Assert.True(trades > 10_000, $"the stream should trade a lot; it traded {trades} times");
        Assert.True(deepest > 50, $"the book should get deep; it held at most {deepest} orders");
    }

    internal static void AssertSameBehaviour(InstrumentSpec spec, OrderCommand[] commands, int priceWindowTicks = 1 << 14)
    {
        var fastEvents = new EventBuffer(4);
        var referenceEvents = new EventBuffer(4);
        // Tiny pools so that growth paths run too.
        var fast = new OrderBook(spec, fastEvents, new OrderBookOptions { InitialOrderCapacity = 2, InitialLevelCapacity = 1, PriceWindowTicks = priceWindowTicks });
        var reference = new ReferenceOrderBook(spec, referenceEvents);
        for (var i = 0; i < commands.Length; i++)
        {
            fast.Process(commands[i], i + 1);
            reference.Process(commands[i], i + 1);
        }

        var expected = referenceEvents.Events.ToArray();
        var actual = fastEvents.Events.ToArray();
        for (var i = 0; i < Math.Min(expected.Length, actual.Length); i++)
        {
            if (expected[i] != actual[i])
            {
                Assert.Fail($"event {i} differs: expected {expected[i]}, got {actual[i]}; command #{expected[i].CommandSequence}: {commands[expected[i].CommandSequence - 1]}");
            }
        }

        Assert.Equal(expected.Length, actual.Length);
        AssertSameBook(fast, reference);
    }

    private static void AssertSameBook(OrderBook fast, ReferenceOrderBook reference)
    {
        fast.ValidateInternalState();
        Assert.Equal(reference.GetLevels(Side.Buy), fast.GetLevels(Side.Buy));
        Assert.Equal(reference.GetLevels(Side.Sell), fast.GetLevels(Side.Sell));
        Assert.Equal(reference.GetOrders(), fast.GetOrders());
        Assert.Equal(reference.OrderCount, fast.OrderCount);
        Assert.Equal(reference.ComputeStateHash(), fast.ComputeStateHash());
        foreach (var side in new[] { Side.Buy, Side.Sell })
        {
            Assert.Equal(reference.TryGetBestPrice(side, out var expectedBest), fast.TryGetBestPrice(side, out var actualBest));
            Assert.Equal(expectedBest, actualBest);
        }

        foreach (var order in reference.GetOrders())
        {
            Assert.True(fast.TryGetOrder(order.OrderId, out var found));
            Assert.Equal(order, found);
        }

        Assert.False(fast.TryGetOrder(long.MinValue, out _));
    }
}
