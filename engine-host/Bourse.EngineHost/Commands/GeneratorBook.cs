using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Commands;

/// <summary>
/// The generator's view of the book it writes for: the engine's own <see cref="OrderBook"/>, fed every generated
/// command, plus the live order ids in a list that a random index can pick from. So the generator cancels and replaces
/// only orders that are really live, without a second model of the matching rules.
/// </summary>
/// <remarks>
/// Being driven by the engine, a generated stream is not an independent test of the engine: the conformance test
/// compares <c>bench</c> with the Python reference on these streams, and the differential tests use their own generator.
/// </remarks>
internal sealed class GeneratorBook
{
    private readonly EventBuffer _events = new();
    private readonly OrderBook _book;
    private readonly List<long> _live = [];
    private readonly Dictionary<long, int> _positions = [];
    private long _sequence;

    public GeneratorBook()
    {
        _book = new OrderBook(InstrumentSpec.Unrestricted, _events, new OrderBookOptions { PriceWindowTicks = 1 << 16 });
    }

    /// <summary>Live (resting) orders.</summary>
    public int Count => _live.Count;

    /// <summary>Trades so far.</summary>
    public long Trades { get; private set; }

    /// <summary>Commands that traded at least once.</summary>
    public long CommandsWithTrades { get; private set; }

    /// <summary>Commands rejected so far.</summary>
    public long Rejected { get; private set; }

    public int BidLevels => _book.GetLevels(Side.Buy).Count;

    public int AskLevels => _book.GetLevels(Side.Sell).Count;

    /// <summary>The live order at a position of the live list (0..Count-1).</summary>
    public RestingOrder this[int position] => _book.TryGetOrder(_live[position], out var order)
        ? order
        : throw new InvalidOperationException($"Order {_live[position]} is in the live list but not in the book.");

    public bool TryGetBestPrice(Side side, out long price) => _book.TryGetBestPrice(side, out price);

    /// <summary>Matches the command and brings the live list up to date with what it did.</summary>
    public void Apply(in OrderCommand command)
    {
        _book.Process(command, ++_sequence);
        var traded = false;
        foreach (ref readonly var e in _events.Events)
        {
            switch (e.Type)
            {
                case EventType.Trade:
                    Trades++;
                    traded = true;
                    Track(e.MakerOrderId);
                    break;
                case EventType.Cancelled:
                    Track(e.OrderId);
                    break;
                case EventType.Rejected:
                    Rejected++;
                    break;
            }
        }

        if (command.Type is CommandType.NewOrder or CommandType.Replace)
        {
            Track(command.OrderId);
        }

        CommandsWithTrades += traded ? 1 : 0;
        _events.Clear();
    }

    /// <summary>Puts the id in the live list if the book holds it, takes it out if not.</summary>
    private void Track(long orderId)
    {
        var live = _book.TryGetOrder(orderId, out _);
        var listed = _positions.TryGetValue(orderId, out var position);
        if (live && !listed)
        {
            _positions.Add(orderId, _live.Count);
            _live.Add(orderId);
        }
        else if (!live && listed)
        {
            // Swap-remove: the order of the list does not matter, only that a random index finds a live order.
            var last = _live[^1];
            _live[position] = last;
            _positions[last] = position;
            _live.RemoveAt(_live.Count - 1);
            _positions.Remove(orderId);
        }
    }
}
