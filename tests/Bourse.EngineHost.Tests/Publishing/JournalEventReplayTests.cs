using Bourse.Engine.Matching;
using Bourse.EngineHost.Publishing;

namespace Bourse.EngineHost.Tests.Publishing;

/// <summary>Regenerating events from a real journal and real books: the replayed events are the ones the live book produced.</summary>
public sealed class JournalEventReplayTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly JournalledBooks _books;

    public JournalEventReplayTests()
    {
        _books = new JournalledBooks(_directory.Path, 4);
        var commands = PublishDriver.Commands([4], 300);
        PublishDriver.Run(_books, writer: null, commands, 0, 100);
        _books.Snapshot(4);
        PublishDriver.Run(_books, writer: null, commands, 100, 300);
    }

    [Fact]
    public void A_range_after_the_snapshot_replays_to_exactly_the_live_events()
    {
        var replay = _books.Instrument(4).CreateReplay();

        var events = Collect(replay, 150, 220, out var commands);

        Assert.Equal(Enumerable.Range(150, 71).Select(i => (long)i), commands);
        Assert.Equal(LiveEvents(150, 220), events);
    }

    [Fact]
    public void A_range_before_the_snapshot_replays_from_the_first_command_and_ranges_after_it_continue_from_the_kept_book()
    {
        var replay = _books.Instrument(4).CreateReplay();

        var early = Collect(replay, 20, 60, out _);
        Assert.Equal(60, replay.Position);
        var later = Collect(replay, 61, 300, out _);
        var again = Collect(replay, 1, 300, out _);

        Assert.Equal(LiveEvents(20, 60), early);
        Assert.Equal(LiveEvents(61, 300), later);
        Assert.Equal(_books.AllEvents(4), again);
    }

    [Fact]
    public void To_the_end_of_the_journal_replays_every_command_after_the_start()
    {
        var replay = _books.Instrument(4).CreateReplay();

        var events = Collect(replay, 101, long.MaxValue, out var commands);

        Assert.Equal(300, commands[^1]);
        Assert.Equal(LiveEvents(101, 300), events);
    }

    [Fact]
    public void A_range_past_the_end_of_the_journal_is_refused()
    {
        var replay = _books.Instrument(4).CreateReplay();

        var error = Assert.Throws<InvalidOperationException>(() => Collect(replay, 290, 310, out _));
        Assert.Contains("ends at command 300", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _books.Dispose();
        _directory.Dispose();
    }

    private List<MatchEvent> LiveEvents(long first, long last) =>
        [.. _books.AllEvents(4).Where(e => e.CommandSequence >= first && e.CommandSequence <= last)];

    private static List<MatchEvent> Collect(JournalEventReplay replay, long first, long last, out List<long> commands)
    {
        var events = new List<MatchEvent>();
        var seen = new List<long>();
        replay.Replay(first, last, (sequence, produced) =>
        {
            seen.Add(sequence);
            events.AddRange(produced.ToArray());
        });
        commands = seen;
        return events;
    }
}
