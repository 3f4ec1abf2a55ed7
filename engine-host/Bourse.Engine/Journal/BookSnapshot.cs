using Bourse.Engine.Matching;

namespace Bourse.Engine.Journal;

/// <summary>
/// A book's state after a given command: enough to <see cref="IOrderBook.Restore"/> it and replay the journal from
/// <see cref="LastCommandSequence"/> + 1.
/// </summary>
public sealed class BookSnapshot
{
    /// <param name="instrumentId">The instrument of the book.</param>
    /// <param name="lastCommandSequence">The sequence of the last command the book had processed.</param>
    /// <param name="lastEventSequence">The book's <see cref="IOrderBook.LastEventSequence"/>.</param>
    /// <param name="orders">Every resting order in canonical order (<see cref="IOrderBook.GetOrders"/>). Copied.</param>
    /// <param name="stateHash">The book's <see cref="IOrderBook.ComputeStateHash"/>.</param>
    public BookSnapshot(int instrumentId, long lastCommandSequence, long lastEventSequence, IReadOnlyList<RestingOrder> orders, ulong stateHash)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lastCommandSequence);
        ArgumentOutOfRangeException.ThrowIfNegative(lastEventSequence);
        ArgumentNullException.ThrowIfNull(orders);
        InstrumentId = instrumentId;
        LastCommandSequence = lastCommandSequence;
        LastEventSequence = lastEventSequence;
        Orders = [.. orders];
        StateHash = stateHash;
    }

    public int InstrumentId { get; }

    public long LastCommandSequence { get; }

    public long LastEventSequence { get; }

    /// <summary>The resting orders in canonical order: bids best first, then asks best first, each level in time priority.</summary>
    public IReadOnlyList<RestingOrder> Orders { get; }

    /// <summary>The <see cref="BookStateHash"/> of the book: a restored book must hash to it.</summary>
    public ulong StateHash { get; }

    /// <summary>
    /// Captures <paramref name="book"/> after command <paramref name="lastCommandSequence"/>. Call on the matching
    /// thread between commands; writing the snapshot can then happen elsewhere. Allocates the order list.
    /// </summary>
    /// <remarks>
    /// Journal first: flush the journal to disk (<see cref="ICommandJournal.FlushToDisk"/>) up to
    /// <paramref name="lastCommandSequence"/> before saving, so that the journal never ends before a stored snapshot.
    /// </remarks>
    public static BookSnapshot Capture(IOrderBook book, long lastCommandSequence)
    {
        ArgumentNullException.ThrowIfNull(book);
        return new BookSnapshot(book.Spec.InstrumentId, lastCommandSequence, book.LastEventSequence, book.GetOrders(), book.ComputeStateHash());
    }

    /// <summary>Whether <see cref="StateHash"/> is the hash of <see cref="LastEventSequence"/> and <see cref="Orders"/>.</summary>
    public bool IsConsistent() => BookStateHash.Of(LastEventSequence, Orders) == StateHash;
}
