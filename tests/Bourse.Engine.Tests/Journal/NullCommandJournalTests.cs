using Bourse.Engine.Journal;
using Bourse.Engine.Matching;

namespace Bourse.Engine.Tests.Journal;

public sealed class NullCommandJournalTests
{
    [Fact]
    public void Stores_nothing_but_tracks_the_sequence_as_durable()
    {
        using ICommandJournal journal = new NullCommandJournal();
        Assert.Equal(0, journal.LastSequence);

        journal.Append(1, OrderCommand.Cancel(5));
        journal.Append(2, OrderCommand.EndOfSession());
        journal.Flush();
        journal.FlushToDisk();

        Assert.Equal(2, journal.LastSequence);
        Assert.Equal(2, journal.DurableSequence);
    }
}
