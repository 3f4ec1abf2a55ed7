using Bourse.Engine.Matching;

namespace Bourse.Engine.Tests.Journal;

/// <summary>
/// A seeded stream of commands for driving a book: about 50 price levels, 20 accounts, every order type, cancels and
/// replaces aimed at resting-type ids not yet cancelled (many still live, some traded away), and a few invalid commands
/// (zero quantity or price, duplicate or unknown ids, unknown enumeration values).
/// </summary>
internal sealed class BookCommandGenerator
{
    private const long MidPrice = 1_000;
    private const int HalfSpread = 25;
    private const int Accounts = 20;

    private readonly Random _random;
    private const int Tracked = 256;

    /// <summary>Ids of resting-type orders not yet cancelled by this stream (some have traded away since).</summary>
    private readonly List<(long Id, Side Side)> _candidates = new(Tracked);
    private long _nextId = 1;

    public BookCommandGenerator(int seed) => _random = new Random(seed);

    public OrderCommand Next()
    {
        var side = _random.Next(2) == 0 ? Side.Buy : Side.Sell;

        // Mostly on the passive side of the mid, so that the book builds depth; the rest cross.
        var distance = _random.Next(0, HalfSpread + 1);
        var passive = _random.Next(10) < 8;
        var price = (side == Side.Buy) == passive ? MidPrice - distance : MidPrice + distance;
        var quantity = _random.Next(1, 50);
        var account = _random.Next(1, Accounts + 1);
        var roll = _random.Next(1_000);
        return roll switch
        {
            < 300 => Resting(TimeInForce.Gtc, side, price, quantity, account),
            < 380 => Resting(TimeInForce.Day, side, price, quantity, account),
            < 430 => Resting(TimeInForce.Post, side, price, quantity, account),
            < 480 => OrderCommand.NewOrder(_nextId++, side, price, quantity, TimeInForce.Ioc, account),
            < 530 => OrderCommand.NewOrder(_nextId++, side, price, quantity * 3, TimeInForce.Fok, account),
            < 580 => OrderCommand.MarketOrder(_nextId++, side, quantity * 2, account),
            < 730 => OrderCommand.Cancel(TakeCandidate()),
            < 960 => ReplaceCandidate(distance, passive, quantity),
            < 967 => OrderCommand.NewOrder(_nextId++, side, price, 0, TimeInForce.Gtc, account),
            < 974 => OrderCommand.NewOrder(_nextId++, side, 0, quantity, TimeInForce.Gtc, account),
            < 981 => OrderCommand.NewOrder(Candidate().Id, side, price, quantity, TimeInForce.Gtc, account),
            < 988 => OrderCommand.Cancel(_nextId + 1_000_000),
            < 998 => new OrderCommand { Type = (CommandType)77, OrderId = _nextId++, Price = price, Quantity = quantity, AccountId = account },
            _ => OrderCommand.EndOfSession(),
        };
    }

    private OrderCommand Resting(TimeInForce timeInForce, Side side, long price, long quantity, long account)
    {
        var id = _nextId++;
        if (_candidates.Count < Tracked)
        {
            _candidates.Add((id, side));
        }
        else
        {
            _candidates[_random.Next(Tracked)] = (id, side);
        }

        return OrderCommand.NewOrder(id, side, price, quantity, timeInForce, account);
    }

    private (long Id, Side Side) Candidate() => _candidates.Count == 0 ? (1, Side.Buy) : _candidates[_random.Next(_candidates.Count)];

    /// <summary>A new price on the order's own passive side mostly (it stays live), across the mid sometimes.</summary>
    private OrderCommand ReplaceCandidate(long distance, bool passive, long quantity)
    {
        var (id, side) = Candidate();
        var price = (side == Side.Buy) == passive ? MidPrice - distance : MidPrice + distance;
        return OrderCommand.Replace(id, price, _random.Next(3) == 0 ? quantity * 2 : quantity);
    }

    /// <summary>A candidate that is then forgotten: once cancelled it cannot be live again.</summary>
    private long TakeCandidate()
    {
        if (_candidates.Count == 0)
        {
            return 1;
        }

        var index = _random.Next(_candidates.Count);
        var id = _candidates[index].Id;
        _candidates[index] = _candidates[^1];
        _candidates.RemoveAt(_candidates.Count - 1);
        return id;
    }
}
