using Bourse.Engine.Matching;

namespace Bourse.Engine.Journal;

/// <summary>
/// A journal that stores nothing, for tests and benchmarks that measure the book alone. It still tracks
/// <see cref="LastSequence"/> (and claims every record durable) so that callers behave as with a real journal.
/// </summary>
public sealed class NullCommandJournal : ICommandJournal
{
    public long LastSequence { get; private set; }

    public long DurableSequence => LastSequence;

    public void Append(long commandSequence, in OrderCommand command) => LastSequence = commandSequence;

    public void Flush()
    {
    }

    public void FlushToDisk()
    {
    }

    public void Dispose()
    {
    }
}
