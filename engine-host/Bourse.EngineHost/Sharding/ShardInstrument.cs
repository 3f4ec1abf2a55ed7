using System.Globalization;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Sharding;

/// <summary>One instrument of a shard: its book, its event buffer, its journal and its snapshots.</summary>
/// <remarks>Touched only by the shard's matching thread while the shard runs.</remarks>
internal sealed class ShardInstrument : IDisposable
{
    private ShardInstrument(IOrderBook book, EventBuffer events, FileCommandJournal journal, SnapshotStore snapshots, BookRecoveryResult recovery)
    {
        Book = book;
        Events = events;
        Journal = journal;
        Snapshots = snapshots;
        Recovery = recovery;
        LastSequence = recovery.LastCommandSequence;
        SnapshotSequence = recovery.SnapshotSequence;
    }

    public IOrderBook Book { get; }

    public EventBuffer Events { get; }

    public FileCommandJournal Journal { get; }

    public SnapshotStore Snapshots { get; }

    public BookRecoveryResult Recovery { get; }

    public long LastSequence { get; set; }

    /// <summary>The command sequence of the newest snapshot (0: none).</summary>
    public long SnapshotSequence { get; set; }

    /// <summary>Appended to since the journal was last flushed.</summary>
    public bool Dirty { get; set; }

    /// <summary>Rebuilds the book from the newest snapshot and the journal, then opens the journal for appending.</summary>
    public static ShardInstrument Recover(InstrumentSpec spec, ShardOptions options)
    {
        var root = Path.Combine(options.JournalDirectory, spec.InstrumentId.ToString(CultureInfo.InvariantCulture));
        var journalDirectory = Directory.CreateDirectory(Path.Combine(root, "journal")).FullName;
        var snapshots = new SnapshotStore(Directory.CreateDirectory(Path.Combine(root, "snapshots")).FullName);
        var recovery = BookRecovery.Recover(snapshots, journalDirectory, events => new OrderBook(spec, events));

        // Open after the replay: opening truncates a torn tail that the replay has already dropped.
        var journal = FileCommandJournal.Open(journalDirectory, options.JournalOptions);
        if (journal.LastSequence != 0 && journal.LastSequence != recovery.LastCommandSequence)
        {
            journal.Dispose();
            throw new InvalidOperationException(
                $"Instrument {spec.InstrumentId}: the journal ends at command {journal.LastSequence} but the book was recovered to {recovery.LastCommandSequence}.");
        }

        return new ShardInstrument(recovery.Book, recovery.Events, journal, snapshots, recovery);
    }

    public void Dispose() => Journal.Dispose();
}
