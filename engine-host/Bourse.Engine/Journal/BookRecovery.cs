using Bourse.Engine.Matching;

namespace Bourse.Engine.Journal;

/// <summary>Rebuilds a book after a restart: the newest valid snapshot, then the journal's commands after it.</summary>
/// <remarks>
/// Recovery reads; it does not repair. Open the <see cref="FileCommandJournal"/> afterwards: it truncates the torn
/// tail that recovery dropped, and the next command is <see cref="BookRecoveryResult.LastCommandSequence"/> + 1.
/// </remarks>
public static class BookRecovery
{
    /// <summary>Recovers one book.</summary>
    /// <param name="snapshots">Where the book's snapshots are, or null to replay the whole journal.</param>
    /// <param name="journalDirectory">The book's journal directory (missing means empty).</param>
    /// <param name="createBook">
    /// Creates an empty book writing to the given buffer (for example <c>events =&gt; new OrderBook(spec, events)</c>).
    /// Replayed events go to that buffer and are cleared after every command.
    /// </param>
    /// <exception cref="JournalCorruptedException">
    /// The journal is damaged other than at its tail, or does not continue from the snapshot: its first record after
    /// the snapshot is not the snapshot's sequence + 1 (or, without a snapshot, not 1: the command stream starts at 1).
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// The snapshot belongs to another instrument, or the restored book does not hash to the snapshot's hash.
    /// </exception>
    public static BookRecoveryResult Recover(SnapshotStore? snapshots, string journalDirectory, Func<EventBuffer, IOrderBook> createBook)
    {
        ArgumentNullException.ThrowIfNull(journalDirectory);
        ArgumentNullException.ThrowIfNull(createBook);

        var loaded = snapshots?.LoadNewest() ?? new SnapshotLoadResult(null, null, []);
        var events = new EventBuffer();
        var book = createBook(events) ?? throw new InvalidOperationException("The book factory returned null.");
        if (book.OrderCount != 0 || book.LastEventSequence != 0)
        {
            throw new InvalidOperationException("The book factory must return an empty book.");
        }

        long lastSequence = 0;
        if (loaded.Snapshot is { } snapshot)
        {
            if (snapshot.InstrumentId != book.Spec.InstrumentId)
            {
                throw new InvalidOperationException(
                    $"Snapshot '{loaded.Path}' is of instrument {snapshot.InstrumentId}, the book trades {book.Spec.InstrumentId}.");
            }

            book.Restore(snapshot.LastEventSequence, snapshot.Orders);
            if (book.ComputeStateHash() != snapshot.StateHash)
            {
                throw new InvalidOperationException($"The book restored from '{loaded.Path}' does not hash to the snapshot's state hash.");
            }

            lastSequence = snapshot.LastCommandSequence;
        }

        long replayed = 0;
        using var reader = CommandJournalReader.OpenDirectory(journalDirectory, afterSequence: lastSequence);
        while (reader.TryRead(out var sequence, out var command))
        {
            if (sequence != lastSequence + 1)
            {
                throw new JournalCorruptedException(
                    JournalCorruptionReason.SequenceGap,
                    reader.CurrentFilePath,
                    reader.CurrentOffset - FileCommandJournalOptions.RecordSize,
                    lastSequence == 0
                        ? $"there is no snapshot, and the journal starts at {sequence} rather than 1"
                        : $"the snapshot ends at sequence {lastSequence}, the journal continues at {sequence}");
            }

            book.Process(command, sequence);
            events.Clear();
            lastSequence = sequence;
            replayed++;
        }

        return new BookRecoveryResult(book, events, lastSequence, loaded, replayed, reader.LastSequence, reader);
    }
}
