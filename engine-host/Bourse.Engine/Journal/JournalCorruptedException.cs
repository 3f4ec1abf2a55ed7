namespace Bourse.Engine.Journal;

/// <summary>
/// The journal is damaged somewhere other than its tail: valid records follow the bad bytes, or sequences are not
/// contiguous. Never transient and never skipped: replaying past it would silently lose commands, so recovery stops.
/// </summary>
/// <remarks>
/// A damaged <em>tail</em> (the file ends mid-record, or nothing valid follows the first bad record) is expected
/// after a crash and is not an error: <see cref="CommandJournalReader"/> reports it and drops it.
/// </remarks>
public sealed class JournalCorruptedException : Exception
{
    public JournalCorruptedException()
        : this("The command journal is corrupted.")
    {
    }

    public JournalCorruptedException(string message)
        : base(message)
    {
        FilePath = string.Empty;
        Offset = -1;
    }

    public JournalCorruptedException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
        Offset = -1;
    }

    public JournalCorruptedException(JournalCorruptionReason reason, string filePath, long offset, string detail)
        : base($"Command journal corrupted ({reason}) in '{filePath}' at byte offset {offset}: {detail}")
    {
        Reason = reason;
        FilePath = filePath;
        Offset = offset;
    }

    public JournalCorruptionReason Reason { get; }

    /// <summary>The journal file that holds the bad bytes.</summary>
    public string FilePath { get; }

    /// <summary>The byte offset in <see cref="FilePath"/> of the first bad record (a multiple of the record size).</summary>
    public long Offset { get; }
}
