using Bourse.Engine.Matching;

namespace Bourse.Engine.Journal;

/// <summary>The outcome of <see cref="BookRecovery.Recover"/>.</summary>
public sealed class BookRecoveryResult
{
    internal BookRecoveryResult(
        IOrderBook book,
        EventBuffer events,
        long lastCommandSequence,
        SnapshotLoadResult snapshot,
        long replayedCommands,
        long journalLastSequence,
        CommandJournalReader journal)
    {
        Book = book;
        Events = events;
        LastCommandSequence = lastCommandSequence;
        SnapshotSequence = snapshot.Snapshot?.LastCommandSequence ?? 0;
        SnapshotPath = snapshot.Path;
        SkippedSnapshots = snapshot.Skipped;
        ReplayedCommands = replayedCommands;
        JournalLastSequence = journalLastSequence;
        TornTailDropped = journal.TornTailDetected;
        TornTailFilePath = journal.TornTailFilePath;
        TornTailOffset = journal.TornTailOffset;
    }

    /// <summary>The recovered book, ready for the command after <see cref="LastCommandSequence"/>.</summary>
    public IOrderBook Book { get; }

    /// <summary>The event buffer the book was created with, cleared: replayed events are not republished.</summary>
    public EventBuffer Events { get; }

    /// <summary>The sequence of the last command the book reflects (snapshot or journal); 0 for a fresh book.</summary>
    public long LastCommandSequence { get; }

    /// <summary>The last command sequence of the snapshot that was loaded; 0 if none was.</summary>
    public long SnapshotSequence { get; }

    /// <summary>The snapshot file that was loaded, or null.</summary>
    public string? SnapshotPath { get; }

    /// <summary>Newer snapshots that were damaged and skipped.</summary>
    public IReadOnlyList<SkippedSnapshot> SkippedSnapshots { get; }

    /// <summary>The number of journal records replayed after the snapshot.</summary>
    public long ReplayedCommands { get; }

    /// <summary>
    /// The last valid record in the journal; 0 if it holds none at or after the snapshot's segment. Less than
    /// <see cref="SnapshotSequence"/> means the journal was not flushed to disk before the snapshot was written: the
    /// book is right, but a journal reopened for append will not accept <see cref="LastCommandSequence"/> + 1.
    /// </summary>
    public long JournalLastSequence { get; }

    /// <summary>Whether the journal ended in a torn record that was dropped (see <see cref="CommandJournalReader.TornTailDetected"/>).</summary>
    public bool TornTailDropped { get; }

    /// <summary>The file and byte offset of the dropped tail; null and -1 if none.</summary>
    public string? TornTailFilePath { get; }

    /// <inheritdoc cref="TornTailFilePath"/>
    public long TornTailOffset { get; }
}
