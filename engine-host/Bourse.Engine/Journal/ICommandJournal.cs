using Bourse.Engine.Matching;

namespace Bourse.Engine.Journal;

/// <summary>
/// The append-only log of the commands a book processes, in command-sequence order: on restart, the newest snapshot
/// plus the commands after it rebuild the book exactly.
/// </summary>
/// <remarks>
/// <para>
/// <b>Threading.</b> Called from the matching thread only: one writer, no locks, no internal threads. The matching
/// thread appends a command before (or right after) processing it and calls <see cref="Flush"/> at the end of each
/// batch, before it publishes the batch's results.
/// </para>
/// <para>
/// <b>Durability.</b> <see cref="Append"/> only orders the record after the previous one and copies it; it guarantees
/// nothing about storage (except under <see cref="JournalFlushPolicy.EveryCommand"/>). <see cref="Flush"/> applies
/// the implementation's policy (see <see cref="JournalFlushPolicy"/>); <see cref="DurableSequence"/> says what it
/// achieved. <see cref="FlushToDisk"/> returns only when every appended record is safely stored (written and fsynced).
/// </para>
/// <para>
/// <b>Failure.</b> An I/O exception from any member leaves the journal faulted: every later call throws. Whether the
/// failed records reached the disk is unknown (a failed fsync cannot be retried safely), so the engine must stop and
/// recover from the files.
/// </para>
/// </remarks>
public interface ICommandJournal : IDisposable
{
    /// <summary>The sequence of the last appended record; 0 when the journal is empty.</summary>
    long LastSequence { get; }

    /// <summary>The sequence of the last record known to be fsynced; at most <see cref="LastSequence"/>.</summary>
    long DurableSequence { get; }

    /// <summary>Appends one command. Allocates nothing.</summary>
    /// <param name="commandSequence">
    /// The command's position in the stream: <see cref="LastSequence"/> + 1, or any positive value for the first record of an empty journal.
    /// </param>
    /// <param name="command">The command as the book receives it.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="commandSequence"/> is not the next sequence.</exception>
    void Append(long commandSequence, in OrderCommand command);

    /// <summary>Ends a batch: writes and, depending on the policy, fsyncs the records appended so far.</summary>
    void Flush();

    /// <summary>Writes and fsyncs everything appended, whatever the policy. Returns only when the data is safely stored.</summary>
    void FlushToDisk();
}
