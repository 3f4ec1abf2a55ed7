namespace Bourse.Engine.Journal;

/// <summary>How a <see cref="FileCommandJournal"/> buffers, syncs and splits its files.</summary>
/// <remarks>
/// Validated by <see cref="Validate"/> when the journal opens. Plain checks rather than data annotations: the engine
/// is AOT-compatible and annotation validation is reflection-based.
/// </remarks>
public sealed class FileCommandJournalOptions
{
    /// <summary>Bytes of one journal record; <see cref="BufferSize"/> and <see cref="SegmentSize"/> are multiples of it.</summary>
    public const int RecordSize = JournalRecord.Size;

    /// <summary>When records are written and fsynced.</summary>
    /// <value>The default value is <see cref="JournalFlushPolicy.EveryBatch"/>.</value>
    public JournalFlushPolicy FlushPolicy { get; set; } = JournalFlushPolicy.EveryBatch;

    /// <summary>
    /// The in-memory buffer appends are copied into. When it fills mid-batch it is written to the OS (not fsynced).
    /// A multiple of <see cref="RecordSize"/>, at least one record.
    /// </summary>
    /// <value>The default value is 65,536 bytes (1,024 records).</value>
    public int BufferSize { get; set; } = 64 * 1024;

    /// <summary>Under <see cref="JournalFlushPolicy.Interval"/>: fsync at a flush once this much time has passed since the last fsync.</summary>
    /// <value>The default value is 10 milliseconds.</value>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Under <see cref="JournalFlushPolicy.Interval"/>: fsync at a flush once this many records are unsynced.</summary>
    /// <value>The default value is 10,000 records.</value>
    public int SyncIntervalRecords { get; set; } = 10_000;

    /// <summary>
    /// A new file (segment) is started when the current one would exceed this size, so that files wholly covered by
    /// a snapshot can be deleted (<see cref="JournalFiles.DeleteCoveredSegments"/>). A multiple of <see cref="RecordSize"/>.
    /// </summary>
    /// <value>The default value is 256 MiB (4,194,304 records).</value>
    public long SegmentSize { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Bytes of zeros written ahead of the records, within the segment, whenever a write would pass the zeroed end;
    /// 0 writes none. An fsync after an append that grows the file must also commit the file system's metadata (the
    /// new size, the blocks allocated at writeback); one after an overwrite of zeroed blocks need not. Measured on
    /// ext4 here: about half the time and half the CPU of an fsync. The metadata is then paid once per this many
    /// bytes, by the fsync that first covers the zeros. The reader takes an all-zero tail for the end of the records.
    /// A multiple of <see cref="RecordSize"/>.
    /// </summary>
    /// <value>The default value is 0 (off).</value>
    public long PreallocationSize { get; set; }

    /// <summary>The clock for <see cref="SyncInterval"/>. Only its monotonic timestamp is read.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(FlushPolicy))
        {
            throw new ArgumentOutOfRangeException(nameof(FlushPolicy), FlushPolicy, "Unknown flush policy.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BufferSize, RecordSize, nameof(BufferSize));
        if (BufferSize % RecordSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BufferSize), BufferSize, $"Must be a multiple of {RecordSize}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(SyncInterval, TimeSpan.Zero, nameof(SyncInterval));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SyncIntervalRecords, nameof(SyncIntervalRecords));
        ArgumentOutOfRangeException.ThrowIfLessThan(SegmentSize, RecordSize, nameof(SegmentSize));
        if (SegmentSize % RecordSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SegmentSize), SegmentSize, $"Must be a multiple of {RecordSize}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(PreallocationSize, nameof(PreallocationSize));
        if (PreallocationSize % RecordSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PreallocationSize), PreallocationSize, $"Must be a multiple of {RecordSize}.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
