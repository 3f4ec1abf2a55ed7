namespace Bourse.Engine.Matching;

/// <summary>
/// A limit order book for one instrument with price-time priority. Two implementations follow the same contract:
/// the fast <see cref="OrderBook"/> and, in the tests, a deliberately simple reference book that is the specification.
/// </summary>
/// <remarks>
/// Single writer: every member is called from one thread. Events are appended to the <see cref="EventBuffer"/> given
/// at construction; the same command stream always gives the same events and the same book.
/// </remarks>
public interface IOrderBook
{
    InstrumentSpec Spec { get; }

    /// <summary>Applies one command and appends its events. Invalid commands produce one Rejected event and change nothing.</summary>
    /// <param name="command">The command.</param>
    /// <param name="commandSequence">The command's position in the stream; copied into every event it produces.</param>
    void Process(in OrderCommand command, long commandSequence);

    /// <summary>The number of resting orders.</summary>
    int OrderCount { get; }

    /// <summary>The sequence number of the last event written (0 before the first).</summary>
    long LastEventSequence { get; }

    /// <summary>The resting order with this id, if it is live.</summary>
    bool TryGetOrder(long orderId, out RestingOrder order);

    /// <summary>The best price of one side, if the side has orders.</summary>
    bool TryGetBestPrice(Side side, out long price);

    /// <summary>The aggregated levels of one side, best price first.</summary>
    IReadOnlyList<BookLevel> GetLevels(Side side);

    /// <summary>Every resting order in canonical order: bids best price first, then asks best price first, each level in time priority.</summary>
    IReadOnlyList<RestingOrder> GetOrders();

    /// <summary>A hash of the book's state that does not depend on the implementation (see <see cref="BookStateHash"/>).</summary>
    ulong ComputeStateHash();

    /// <summary>
    /// Loads a snapshot into an empty book: the orders are rested in the given canonical order (so time priority is
    /// kept) and the event sequence continues from <paramref name="lastEventSequence"/>. Writes no events.
    /// </summary>
    /// <exception cref="InvalidOperationException">The book is not empty.</exception>
    void Restore(long lastEventSequence, IReadOnlyList<RestingOrder> orders);
}
