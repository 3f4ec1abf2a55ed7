using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Publishing;

namespace Bourse.EngineHost.Tests.Publishing;

/// <summary>
/// Real books with real journals in the shard's layout (<c>&lt;root&gt;/&lt;id&gt;/journal</c>, <c>snapshots</c>): the
/// matching side of publishing tests. Every command is journalled, then matched; the events of each are kept.
/// </summary>
internal sealed class JournalledBooks : IDisposable
{
    private readonly Dictionary<int, Entry> _books = [];

    public JournalledBooks(string root, params int[] instrumentIds)
    {
        Root = root;
        foreach (var id in instrumentIds)
        {
            var instrument = PublisherInstrument.InShardLayout(new InstrumentSpec(id), root, partitionKey: $"I{id}");
            Directory.CreateDirectory(instrument.JournalDirectory);
            var journal = FileCommandJournal.Open(instrument.JournalDirectory, new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None });
            var events = new EventBuffer();
            _books.Add(id, new Entry(instrument, journal, new OrderBook(instrument.Spec, events), events));
        }
    }

    public string Root { get; }

    public IEnumerable<PublisherInstrument> Instruments => _books.Values.Select(b => b.Instrument);

    public IEnumerable<int> InstrumentIds => _books.Keys;

    public PublisherInstrument Instrument(int id) => _books[id].Instrument;

    /// <summary>Every event each book produced, in order.</summary>
    public List<MatchEvent> AllEvents(int id) => _books[id].AllEvents;

    public long LastCommandSequence(int id) => _books[id].Journal.LastSequence;

    /// <summary>Journals and matches one command; returns its events (a copy). Call <see cref="Flush"/> before publishing them.</summary>
    public MatchEvent[] Process(int id, in OrderCommand command)
    {
        var book = _books[id];
        var sequence = book.Journal.LastSequence + 1;
        book.Journal.Append(sequence, command);
        book.Events.Clear();
        book.Book.Process(command, sequence);
        var produced = book.Events.Events.ToArray();
        book.AllEvents.AddRange(produced);
        return produced;
    }

    /// <summary>Hands the journals' buffers to the OS (what the shard does before it releases a batch).</summary>
    public void Flush()
    {
        foreach (var book in _books.Values)
        {
            book.Journal.Flush();
        }
    }

    public void Snapshot(int id)
    {
        var book = _books[id];
        book.Journal.FlushToDisk();
        new SnapshotStore(book.Instrument.SnapshotDirectory!).Write(book.Book, book.Journal.LastSequence);
    }

    public void Dispose()
    {
        foreach (var book in _books.Values)
        {
            book.Journal.Dispose();
        }
    }

    private sealed record Entry(PublisherInstrument Instrument, FileCommandJournal Journal, OrderBook Book, EventBuffer Events)
    {
        public List<MatchEvent> AllEvents { get; } = [];
    }
}
