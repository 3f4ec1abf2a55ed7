using System.Globalization;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Publishing;

/// <summary>Receives the events of one replayed command (possibly none); the span is valid during the call only.</summary>
internal delegate void ReplayedCommandHandler(long commandSequence, ReadOnlySpan<MatchEvent> events);

/// <summary>
/// Regenerates the events of a range of one book's journalled commands: a book is restored from the newest snapshot
/// before the range (or starts empty), replays the journal silently up to the range, then replays the range and
/// hands each command's events on. Events are deterministic, so they are the ones the live book produced.
/// </summary>
/// <remarks>
/// <para>
/// The book is kept between calls: a later range of the same instrument continues from where the last one ended
/// instead of from a snapshot (the publisher replays gaps in increasing order).
/// </para>
/// <para>
/// Reads the journal while the matching thread may be appending to it; only records the matching thread has already
/// written (flushed before the gap's marker was published) are asked for. Runs on the publisher's thread.
/// </para>
/// </remarks>
internal sealed class JournalEventReplay
{
    private readonly string _journalDirectory;
    private readonly SnapshotStore? _snapshots;
    private readonly Func<EventBuffer, IOrderBook> _createBook;
    private IOrderBook? _book;
    private EventBuffer? _events;
    private long _position;

    /// <param name="journalDirectory">The book's journal directory.</param>
    /// <param name="snapshotDirectory">The book's snapshot directory, or null to always replay from the first command.</param>
    /// <param name="createBook">Creates an empty book of the instrument (same rules as the live one) writing to the buffer.</param>
    public JournalEventReplay(string journalDirectory, string? snapshotDirectory, Func<EventBuffer, IOrderBook> createBook)
    {
        ArgumentException.ThrowIfNullOrEmpty(journalDirectory);
        ArgumentNullException.ThrowIfNull(createBook);
        _journalDirectory = journalDirectory;
        _snapshots = snapshotDirectory is null ? null : new SnapshotStore(snapshotDirectory);
        _createBook = createBook;
    }

    /// <summary>The command the kept book has processed last; 0 when no book is kept.</summary>
    public long Position => _book is null ? 0 : _position;

    /// <summary>
    /// Replays commands <paramref name="firstCommandSequence"/> to <paramref name="lastCommandSequence"/> (or to the
    /// end of the journal when it is <see cref="long.MaxValue"/>), calling <paramref name="onCommand"/> for each, in order.
    /// </summary>
    /// <returns>The last command replayed (less than <paramref name="firstCommandSequence"/> if the journal ends before it).</returns>
    /// <exception cref="InvalidOperationException">
    /// The journal cannot produce the range: it does not continue from the snapshot (or from command 1), or it ends
    /// before <paramref name="lastCommandSequence"/>.
    /// </exception>
    public long Replay(long firstCommandSequence, long lastCommandSequence, ReplayedCommandHandler onCommand)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstCommandSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastCommandSequence, firstCommandSequence);
        ArgumentNullException.ThrowIfNull(onCommand);

        if (_book is null || _position >= firstCommandSequence)
        {
            Restore(firstCommandSequence - 1);
        }

        var book = _book!;
        var events = _events!;
        using var reader = CommandJournalReader.OpenDirectory(_journalDirectory, afterSequence: _position);
        while (_position < lastCommandSequence && reader.TryRead(out var sequence, out var command))
        {
            if (sequence != _position + 1)
            {
                Forget();
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The journal in '{_journalDirectory}' continues at command {sequence}, the replay needs {_position + 1}: events before {firstCommandSequence} cannot be regenerated."));
            }

            events.Clear();
            book.Process(command, sequence);
            _position = sequence;
            if (sequence >= firstCommandSequence)
            {
                onCommand(sequence, events.Events);
            }
        }

        events.Clear();
        if (lastCommandSequence != long.MaxValue && _position < lastCommandSequence)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The journal in '{_journalDirectory}' ends at command {_position}; the replay needs commands up to {lastCommandSequence}."));
        }

        return _position;
    }

    /// <summary>Drops the kept book (the next replay starts from a snapshot).</summary>
    public void Forget()
    {
        _book = null;
        _events = null;
        _position = 0;
    }

    private void Restore(long atOrBefore)
    {
        Forget();
        var events = new EventBuffer();
        var book = _createBook(events) ?? throw new InvalidOperationException("The book factory returned null.");
        if (book.OrderCount != 0 || book.LastEventSequence != 0)
        {
            throw new InvalidOperationException("The book factory must return an empty book.");
        }

        long position = 0;
        if (_snapshots is not null && NewestSnapshotAtOrBefore(atOrBefore) is { } snapshot)
        {
            if (snapshot.InstrumentId != book.Spec.InstrumentId)
            {
                throw new InvalidOperationException(
                    $"The snapshot at command {snapshot.LastCommandSequence} is of instrument {snapshot.InstrumentId}, the book trades {book.Spec.InstrumentId}.");
            }

            book.Restore(snapshot.LastEventSequence, snapshot.Orders);
            if (book.ComputeStateHash() != snapshot.StateHash)
            {
                throw new InvalidOperationException($"The book restored from the snapshot at command {snapshot.LastCommandSequence} does not hash to its state hash.");
            }

            position = snapshot.LastCommandSequence;
        }

        _book = book;
        _events = events;
        _position = position;
    }

    private BookSnapshot? NewestSnapshotAtOrBefore(long sequence)
    {
        // Newest first; damaged files are skipped, as recovery does.
        foreach (var path in _snapshots!.ListFiles())
        {
            if (TryParseSnapshotSequence(Path.GetFileName(path), out var named) && named > sequence)
            {
                continue;
            }

            if (SnapshotStore.TryLoad(path, out var snapshot, out _) && snapshot!.LastCommandSequence <= sequence)
            {
                return snapshot;
            }
        }

        return null;
    }

    /// <summary>Reads the sequence from <c>snapshot-{sequence, 12 digits}.bin</c> (<see cref="SnapshotStore"/>'s naming).</summary>
    private static bool TryParseSnapshotSequence(string fileName, out long sequence)
    {
        const string prefix = "snapshot-";
        const string extension = ".bin";
        sequence = 0;
        return fileName.StartsWith(prefix, StringComparison.Ordinal) &&
               fileName.EndsWith(extension, StringComparison.Ordinal) &&
               long.TryParse(fileName.AsSpan(prefix.Length, fileName.Length - prefix.Length - extension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
