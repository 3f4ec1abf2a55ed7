using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Commands;

/// <summary>
/// Generates a deterministic benchmark stream for one book, after the mix of exchange-core's benchmark generator:
/// mostly replaces (moves) of live orders, some new resting orders, cancels and IOC takers, a few FOK, POST and market
/// orders, around a mid price that drifts as a random walk.
/// </summary>
/// <remarks>
/// <para>
/// The first <see cref="TargetRestingOrders"/> commands fill the book with passive GTC orders; then each command is
/// drawn from the mix below (per 10,000). A small feedback trades new orders for cancels (and back) when the modelled
/// book is far from <see cref="TargetRestingOrders"/>, so the book keeps its size over millions of commands.
/// </para>
/// <para>
/// To cancel and replace only live orders, the generator feeds what it writes to a <see cref="GeneratorBook"/> (the
/// engine's own book). The only commands meant to be rejected are the occasional cancels of already-cancelled ids
/// (<see cref="InvalidCancelPerTenThousand"/>).
/// </para>
/// <para>
/// Same seed, same stream, byte for byte: the PRNG is <see cref="Xoshiro256StarStar"/> and every draw is integer.
/// </para>
/// </remarks>
internal sealed class CommandStreamGenerator
{
    /// <summary>The book size the generator steers toward.</summary>
    public const int TargetRestingOrders = 1_000;

    /// <summary>Accounts 1..<see cref="Accounts"/> own the orders; few enough that self-trades happen.</summary>
    public const int Accounts = 100;

    /// <summary>The mid price, in ticks, where the walk starts.</summary>
    public const long InitialMid = 10_000;

    /// <summary>Resting orders are 1..<see cref="MaxQuantity"/> lots.</summary>
    public const int MaxQuantity = 100;

    /// <summary>
    /// Takers (IOC, FOK, market, replaces through the touch) are 1..<see cref="MaxTakerQuantity"/> lots: smaller than
    /// resting orders so that trades mostly take part of a maker, and the book keeps its size without turning cancels
    /// into new orders.
    /// </summary>
    public const int MaxTakerQuantity = 20;

    // The mix, per 10,000 commands; replaces take the rest (8,090, about 81%). The book-size feedback moves about one
    // point from cancels to new GTC orders in practice (about 5.5% cancels, 9% new GTC).
    public const int NewGtcPerTenThousand = 850;
    public const int NewDayPerTenThousand = 40;
    public const int NewPostPerTenThousand = 40;
    public const int IocPerTenThousand = 300;
    public const int FokPerTenThousand = 40;
    public const int MarketPerTenThousand = 40;
    public const int CancelPerTenThousand = 600;

    /// <summary>Cancels of an id that is already cancelled, to exercise rejection; per 10,000 cancels.</summary>
    public const int InvalidCancelPerTenThousand = 150;

    // Replace kinds, per 10,000 replaces: lower the quantity in place (keeps priority), move through the other side's
    // touch (trades), otherwise move to a new passive price on the order's own side.
    private const int ReduceReplacePerTenThousand = 1_000;
    private const int AggressiveReplacePerTenThousand = 300;

    // The mid steps one tick up or down on this share of commands (a walk of about ±120 ticks over 3 million).
    private const int MidStepPerTenThousand = 50;

    // Passive prices are this many ticks from the mid: 15% in 1..8 (the touch, where trades happen), 25% in 1..150,
    // 60% in 1..MaxOffset. Tuned so that about 1,000 orders rest on about 750 levels.
    private const int NearOffset = 8;
    private const int MiddleOffset = 150;
    private const int MaxOffset = 2_500;

    // Prices stay in [1, PriceLimit): the mid stays far enough from both ends for the farthest passive offset.
    private const int PriceLimit = 1 << 15;
    private const long MinMid = MaxOffset + 16;
    private const long MaxMid = PriceLimit - MaxOffset - 16;

    private const int RecentlyCancelledCapacity = 64;

    private readonly GeneratorBook _book = new();
    private readonly long[] _recentlyCancelled = new long[RecentlyCancelledCapacity];
    private Xoshiro256StarStar _random;
    private int _recentlyCancelledCount;
    private int _recentlyCancelledNext;
    private long _nextOrderId = 1;
    private long _mid = InitialMid;

    public CommandStreamGenerator(long seed)
    {
        _random = new Xoshiro256StarStar(unchecked((ulong)seed));
    }

    /// <summary>Commands generated so far.</summary>
    public long Generated { get; private set; }

    /// <summary>Commands generated to be rejected (cancels of cancelled ids).</summary>
    public long InvalidGenerated { get; private set; }

    /// <summary>The book after the commands generated so far.</summary>
    internal GeneratorBook Book => _book;

    /// <summary>The first <paramref name="count"/> commands of the stream for <paramref name="seed"/>.</summary>
    public static OrderCommand[] Generate(long seed, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var generator = new CommandStreamGenerator(seed);
        var commands = new OrderCommand[count];
        for (int i = 0; i < commands.Length; i++)
        {
            commands[i] = generator.Next();
        }

        return commands;
    }

    /// <summary>Writes the first <paramref name="count"/> commands of the stream for <paramref name="seed"/>.</summary>
    public static void Generate(long seed, long count, CommandStreamWriter writer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(writer);
        var generator = new CommandStreamGenerator(seed);
        for (long i = 0; i < count; i++)
        {
            writer.Write(generator.Next());
        }
    }

    /// <summary>The next command of the stream.</summary>
    public OrderCommand Next()
    {
        var command = Draw();
        _book.Apply(command);
        return command;
    }

    private OrderCommand Draw()
    {
        Generated++;
        StepMid();
        if (Generated <= TargetRestingOrders)
        {
            return NewOrder(TimeInForce.Gtc);
        }

        int roll = _random.NextInt(10_000);
        if ((roll -= NewGtcPerTenThousand) < 0)
        {
            return NewOrCancel(TimeInForce.Gtc);
        }

        if ((roll -= NewDayPerTenThousand) < 0)
        {
            return NewOrCancel(TimeInForce.Day);
        }

        if ((roll -= NewPostPerTenThousand) < 0)
        {
            return NewOrCancel(TimeInForce.Post);
        }

        if ((roll -= IocPerTenThousand) < 0)
        {
            return Taker(TimeInForce.Ioc);
        }

        if ((roll -= FokPerTenThousand) < 0)
        {
            return Taker(TimeInForce.Fok);
        }

        if ((roll -= MarketPerTenThousand) < 0)
        {
            return Market();
        }

        if (roll < CancelPerTenThousand)
        {
            return CancelOrNew();
        }

        return _book.Count == 0 ? NewOrder(TimeInForce.Gtc) : Replace();
    }

    private void StepMid()
    {
        if (_random.Chance(MidStepPerTenThousand))
        {
            _mid += _random.NextInt(2) == 0 ? -1 : 1;
            _mid = Math.Clamp(_mid, MinMid, MaxMid);
        }
    }

    /// <summary>A new resting order, or a cancel instead when the book is well over its target size.</summary>
    private OrderCommand NewOrCancel(TimeInForce timeInForce) =>
        _book.Count > 0 && _random.NextInt(10_000) < Pressure(_book.Count - TargetRestingOrders)
            ? Cancel()
            : NewOrder(timeInForce);

    /// <summary>A cancel, or a new GTC order instead when the book is well under its target size.</summary>
    private OrderCommand CancelOrNew()
    {
        if (_book.Count == 0 || _random.NextInt(10_000) < Pressure(TargetRestingOrders - _book.Count))
        {
            return NewOrder(TimeInForce.Gtc);
        }

        if (_random.Chance(InvalidCancelPerTenThousand) && _recentlyCancelledCount > 0)
        {
            InvalidGenerated++;
            return OrderCommand.Cancel(_recentlyCancelled[_random.NextInt(_recentlyCancelledCount)]);
        }

        return Cancel();
    }

    /// <summary>How likely (per 10,000) a swap between new and cancel is, for a book <paramref name="excess"/> orders off target.</summary>
    private static int Pressure(int excess) => Math.Clamp(excess * 200, 0, 10_000);

    private OrderCommand NewOrder(TimeInForce timeInForce)
    {
        long id = _nextOrderId++;
        Side side = RandomSide();
        long price = PassivePrice(side);
        if (timeInForce == TimeInForce.Post)
        {
            // A post-only order that would cross is rejected; keep it one tick behind the other side's touch.
            price = side == Side.Buy
                ? (_book.TryGetBestPrice(Side.Sell, out var bestAsk) ? Math.Min(price, bestAsk - 1) : price)
                : (_book.TryGetBestPrice(Side.Buy, out var bestBid) ? Math.Max(price, bestBid + 1) : price);
            price = Math.Clamp(price, 1, PriceLimit - 1);
        }

        long quantity = RandomQuantity();
        long account = RandomAccount();
        return OrderCommand.NewOrder(id, side, price, quantity, timeInForce, account);
    }

    /// <summary>An IOC or FOK order priced through the other side's touch.</summary>
    private OrderCommand Taker(TimeInForce timeInForce)
    {
        long id = _nextOrderId++;
        Side side = RandomSide();
        long price = AggressivePrice(side, maxThrough: 4);
        long quantity = RandomTakerQuantity();
        long account = RandomAccount();
        return OrderCommand.NewOrder(id, side, price, quantity, timeInForce, account);
    }

    private OrderCommand Market()
    {
        long id = _nextOrderId++;
        Side side = RandomSide();
        long quantity = RandomTakerQuantity();
        long account = RandomAccount();
        return OrderCommand.MarketOrder(id, side, quantity, account);
    }

    private OrderCommand Cancel()
    {
        int slot = _random.NextInt(_book.Count);
        long id = _book[slot].OrderId;
        _recentlyCancelled[_recentlyCancelledNext] = id;
        _recentlyCancelledNext = (_recentlyCancelledNext + 1) % RecentlyCancelledCapacity;
        _recentlyCancelledCount = Math.Min(_recentlyCancelledCount + 1, RecentlyCancelledCapacity);
        return OrderCommand.Cancel(id);
    }

    private OrderCommand Replace()
    {
        int slot = _random.NextInt(_book.Count);
        RestingOrder order = _book[slot];
        long price;
        long quantity;
        int kind = _random.NextInt(10_000);
        if (kind < ReduceReplacePerTenThousand)
        {
            price = order.Price;
            quantity = order.Quantity > 1 ? _random.NextInt(1, (int)order.Quantity - 1) : 1;
        }
        else if (kind < ReduceReplacePerTenThousand + AggressiveReplacePerTenThousand)
        {
            price = AggressivePrice(order.Side, maxThrough: 2);
            quantity = RandomTakerQuantity();
        }
        else
        {
            price = PassivePrice(order.Side);
            quantity = _random.NextInt(10) < 7 ? order.Quantity : RandomQuantity();
        }

        return OrderCommand.Replace(order.OrderId, price, quantity);
    }

    /// <summary>A price on <paramref name="side"/>'s side of the mid (it may still cross a book that lags the mid).</summary>
    private long PassivePrice(Side side)
    {
        int bucket = _random.NextInt(100);
        int offset = bucket < 15 ? _random.NextInt(1, NearOffset)
            : bucket < 40 ? _random.NextInt(1, MiddleOffset)
            : _random.NextInt(1, MaxOffset);
        return side == Side.Buy ? _mid - offset : _mid + offset;
    }

    /// <summary>A price 0..<paramref name="maxThrough"/> ticks through the other side's touch (or the mid if that side is empty).</summary>
    private long AggressivePrice(Side side, int maxThrough)
    {
        long through = _random.NextInt(maxThrough + 1);
        long price = side == Side.Buy
            ? (_book.TryGetBestPrice(Side.Sell, out var bestAsk) ? bestAsk : _mid) + through
            : (_book.TryGetBestPrice(Side.Buy, out var bestBid) ? bestBid : _mid) - through;
        return Math.Clamp(price, 1, PriceLimit - 1);
    }

    private Side RandomSide() => _random.NextInt(2) == 0 ? Side.Buy : Side.Sell;

    private long RandomQuantity() => _random.NextInt(1, MaxQuantity);

    private long RandomTakerQuantity() => _random.NextInt(1, MaxTakerQuantity);

    private long RandomAccount() => _random.NextInt(1, Accounts);
}
