namespace Bourse.Engine.Journal;

/// <summary>What is wrong at the offset a <see cref="JournalCorruptedException"/> names.</summary>
public enum JournalCorruptionReason
{
    /// <summary>The record's CRC-32C does not match its content.</summary>
    Checksum = 1,

    /// <summary>The bytes are not a journal record of a known format (magic, length or version).</summary>
    Format = 2,

    /// <summary>A file ends inside a record, and valid records follow in a later file.</summary>
    TruncatedRecord = 3,

    /// <summary>A valid record's sequence is not the previous one plus one, or a file's name does not match its first record.</summary>
    SequenceGap = 4,
}
