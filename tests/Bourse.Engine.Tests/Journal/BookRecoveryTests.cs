using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.Engine.Tests.Matching;

namespace Bourse.Engine.Tests.Journal;

/// <summary>
/// A book driven by a random stream with every command journaled, recovered into a fresh book (snapshot + replay,
/// or full replay) must equal the original: same state hash, same orders, and the same events afterwards.
/// Run against the fast book and the reference book.
/// </summary>
public sealed class BookRecoveryTests : IDisposable
{
    private const int Count = 20_000;
    private const int SnapshotAt = 12_345;

    private static readonly InstrumentSpec Spec = new(11);

    private readonly TempDirectory _temp = new();

    public BookRecoveryTests()
    {
        JournalDirectory = _temp.Combine("journal");
        Snapshots = new SnapshotStore(_temp.Combine("snapshots"));
    }

    private string JournalDirectory { get; }

    private SnapshotStore Snapshots { get; }

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Books() => ["fast", "reference"];

    private static Func<EventBuffer, IOrderBook> Factory(string kind, InstrumentSpec? spec = null) =>
        kind == "fast" ? events => new OrderBook(spec ?? Spec, events) : events => new ReferenceOrderBook(spec ?? Spec, events);

    /// <summary>The book that ran the stream, its buffer, the generator (to continue the stream) and the state before the last command.</summary>
    private sealed record Original(IOrderBook Book, EventBuffer Events, BookCommandGenerator Generator, OrderCommand LastCommand, ulong HashBeforeLast, IReadOnlyList<RestingOrder> OrdersBeforeLast);

    /// <summary>Journals then processes each command (write-ahead), flushing every 256, snapshotting at the given sequences.</summary>
    private Original DriveAndJournal(string kind, int count, long[] snapshotAt, FileCommandJournalOptions? options = null)
    {
        var generator = new BookCommandGenerator(seed: 2_024);
        var events = new EventBuffer();
        var book = Factory(kind)(events);
        long trades = 0, rejects = 0, liveHits = 0;
        ulong hashBeforeLast = 0;
        IReadOnlyList<RestingOrder> ordersBeforeLast = [];
        var command = default(OrderCommand);
        using (var journal = FileCommandJournal.Open(JournalDirectory, options ?? new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None }))
        {
            for (long sequence = 1; sequence <= count; sequence++)
            {
                if (sequence == count)
                {
                    hashBeforeLast = book.ComputeStateHash();
                    ordersBeforeLast = book.GetOrders();
                }

                command = generator.Next();
                journal.Append(sequence, command);
                book.Process(command, sequence);
                foreach (ref readonly var e in events.Events)
                {
                    trades += e.Type == EventType.Trade ? 1 : 0;
                    rejects += e.Type == EventType.Rejected ? 1 : 0;
                    liveHits += e.Type == EventType.Replaced || (e.Type == EventType.Cancelled && e.CancelReason == CancelReason.Requested) ? 1 : 0;
                }

                events.Clear();
                if (sequence % 256 == 0)
                {
                    journal.Flush();
                }

                if (snapshotAt.Contains(sequence))
                {
                    journal.FlushToDisk();
                    Snapshots.Write(book, sequence);
                }
            }
        }

        // The stream must exercise matching, rejections, cancels and replaces of live orders, and resting depth for
        // the comparison to mean anything.
        Assert.True(trades > count / 10, $"{trades} trades");
        Assert.True(rejects > count / 50, $"{rejects} rejects");
        Assert.True(liveHits > count / 20, $"{liveHits} cancels and replaces of live orders");
        Assert.True(book.OrderCount > 20, $"{book.OrderCount} resting orders");
        return new Original(book, events, generator, command, hashBeforeLast, ordersBeforeLast);
    }

    private static void AssertSameBook(IOrderBook expected, IOrderBook actual)
    {
        Assert.Equal(expected.ComputeStateHash(), actual.ComputeStateHash());
        Assert.Equal(expected.GetOrders(), actual.GetOrders());
        Assert.Equal(expected.LastEventSequence, actual.LastEventSequence);
        Assert.Equal(expected.GetLevels(Side.Buy), actual.GetLevels(Side.Buy));
        Assert.Equal(expected.GetLevels(Side.Sell), actual.GetLevels(Side.Sell));
    }

    /// <summary>Feeds both books the same continuation of the stream and demands the same events.</summary>
    private static void AssertSameFuture(Original original, BookRecoveryResult recovered, long fromSequence, int count = 2_000)
    {
        for (var sequence = fromSequence; sequence < fromSequence + count; sequence++)
        {
            var command = original.Generator.Next();
            original.Book.Process(command, sequence);
            recovered.Book.Process(command, sequence);
            Assert.True(original.Events.Events.SequenceEqual(recovered.Events.Events), $"events differ at command {sequence}: {command}");
            original.Events.Clear();
            recovered.Events.Clear();
        }

        AssertSameBook(original.Book, recovered.Book);
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Snapshot_plus_replay_rebuilds_the_book(string kind)
    {
        var original = DriveAndJournal(kind, Count, [SnapshotAt]);

        var result = BookRecovery.Recover(Snapshots, JournalDirectory, Factory(kind));

        AssertSameBook(original.Book, result.Book);
        Assert.Equal(Count, result.LastCommandSequence);
        Assert.Equal(Count, result.JournalLastSequence);
        Assert.Equal(SnapshotAt, result.SnapshotSequence);
        Assert.Equal(Count - SnapshotAt, result.ReplayedCommands);
        Assert.False(result.TornTailDropped);
        Assert.Equal(-1, result.TornTailOffset);
        Assert.Empty(result.SkippedSnapshots);
        Assert.Equal(0, result.Events.Count);
        AssertSameFuture(original, result, Count + 1);
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void Full_replay_without_a_snapshot_rebuilds_the_book(string kind)
    {
        var original = DriveAndJournal(kind, Count, []);

        var withoutStore = BookRecovery.Recover(null, JournalDirectory, Factory(kind));
        var withEmptyStore = BookRecovery.Recover(Snapshots, JournalDirectory, Factory(kind));

        foreach (var result in new[] { withoutStore, withEmptyStore })
        {
            AssertSameBook(original.Book, result.Book);
            Assert.Equal(0, result.SnapshotSequence);
            Assert.Null(result.SnapshotPath);
            Assert.Equal(Count, result.ReplayedCommands);
        }

        AssertSameFuture(original, withoutStore, Count + 1);
    }

    [Theory]
    [MemberData(nameof(Books))]
    public void A_torn_last_record_recovers_the_book_as_it_was_before_that_command(string kind)
    {
        var original = DriveAndJournal(kind, Count, [SnapshotAt]);
        var file = JournalFiles.List(JournalDirectory).Single().Path;
        using (var stream = new FileStream(file, FileMode.Open))
        {
            stream.SetLength(stream.Length - 17);
        }

        var result = BookRecovery.Recover(Snapshots, JournalDirectory, Factory(kind));

        Assert.Equal(original.HashBeforeLast, result.Book.ComputeStateHash());
        Assert.Equal(original.OrdersBeforeLast, result.Book.GetOrders());
        Assert.Equal(Count - 1, result.LastCommandSequence);
        Assert.True(result.TornTailDropped);
        Assert.Equal(file, result.TornTailFilePath);
        Assert.Equal((Count - 1) * 64L, result.TornTailOffset);

        // The engine reopens the journal (which cuts the torn bytes), and the lost command is sent again.
        using (var journal = FileCommandJournal.Open(JournalDirectory))
        {
            Assert.Equal(Count - 1, journal.LastSequence);
            journal.Append(Count, original.LastCommand);
            result.Book.Process(original.LastCommand, Count);
            result.Events.Clear();
        }

        AssertSameBook(original.Book, result.Book);
        AssertSameBook(original.Book, BookRecovery.Recover(null, JournalDirectory, Factory(kind)).Book);
    }

    [Fact]
    public void A_damaged_newest_snapshot_falls_back_to_the_previous_one_and_replays_more()
    {
        var original = DriveAndJournal("fast", Count, [5_000, SnapshotAt]);
        var newest = Snapshots.ListFiles()[0];
        var bytes = File.ReadAllBytes(newest);
        bytes[^30] ^= 0xFF;
        File.WriteAllBytes(newest, bytes);

        var result = BookRecovery.Recover(Snapshots, JournalDirectory, Factory("fast"));

        AssertSameBook(original.Book, result.Book);
        Assert.Equal(5_000, result.SnapshotSequence);
        Assert.Equal(Count - 5_000, result.ReplayedCommands);
        Assert.Equal(newest, Assert.Single(result.SkippedSnapshots).Path);
    }

    [Fact]
    public void Segments_covered_by_the_snapshot_can_go_but_are_needed_without_it()
    {
        var options = new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None, SegmentSize = 1_000 * 64 };
        var original = DriveAndJournal("fast", Count, [SnapshotAt], options);

        Assert.Equal(12, JournalFiles.DeleteCoveredSegments(JournalDirectory, SnapshotAt));
        var result = BookRecovery.Recover(Snapshots, JournalDirectory, Factory("fast"));
        AssertSameBook(original.Book, result.Book);
        Assert.Equal(Count - SnapshotAt, result.ReplayedCommands);

        var error = Assert.Throws<JournalCorruptedException>(() => BookRecovery.Recover(null, JournalDirectory, Factory("fast")));
        Assert.Equal(JournalCorruptionReason.SequenceGap, error.Reason);
    }

    [Fact]
    public void A_journal_that_does_not_reach_the_snapshot_is_a_gap()
    {
        var original = DriveAndJournal("fast", Count, [SnapshotAt], new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None, SegmentSize = 1_000 * 64 });
        foreach (var segment in JournalFiles.List(JournalDirectory).Where(s => s.FirstSequence is > 10_000 and <= 13_000))
        {
            File.Delete(segment.Path);
        }

        var error = Assert.Throws<JournalCorruptedException>(() => BookRecovery.Recover(Snapshots, JournalDirectory, Factory("fast")));
        Assert.Equal(JournalCorruptionReason.SequenceGap, error.Reason);
        Assert.NotNull(original);
    }

    [Fact]
    public void A_journal_that_ends_before_the_snapshot_leaves_the_snapshot_state()
    {
        var original = DriveAndJournal("fast", SnapshotAt, [SnapshotAt]);
        var file = JournalFiles.List(JournalDirectory).Single().Path;
        using (var stream = new FileStream(file, FileMode.Open))
        {
            stream.SetLength(10_000 * 64);
        }

        var result = BookRecovery.Recover(Snapshots, JournalDirectory, Factory("fast"));

        AssertSameBook(original.Book, result.Book);
        Assert.Equal(SnapshotAt, result.LastCommandSequence);
        Assert.Equal(10_000, result.JournalLastSequence);
        Assert.Equal(0, result.ReplayedCommands);
    }

    [Fact]
    public void A_snapshot_of_another_instrument_is_refused()
    {
        DriveAndJournal("fast", 1_000, [1_000]);

        Assert.Throws<InvalidOperationException>(() => BookRecovery.Recover(Snapshots, JournalDirectory, Factory("fast", new InstrumentSpec(12))));
    }

    [Fact]
    public void An_empty_journal_and_no_snapshot_give_an_empty_book()
    {
        var result = BookRecovery.Recover(Snapshots, JournalDirectory, Factory("fast"));

        Assert.Equal(0, result.Book.OrderCount);
        Assert.Equal(0, result.LastCommandSequence);
        Assert.Equal(0, result.ReplayedCommands);
        Assert.False(result.TornTailDropped);
    }
}
