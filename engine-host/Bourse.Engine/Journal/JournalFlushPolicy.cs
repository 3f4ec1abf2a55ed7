namespace Bourse.Engine.Journal;

/// <summary>When a <see cref="FileCommandJournal"/> hands records to the OS and when it forces them to the disk (fsync).</summary>
public enum JournalFlushPolicy
{
    /// <summary>
    /// Every <see cref="ICommandJournal.Append"/> writes its record and fsyncs before returning. The slowest policy;
    /// nothing acknowledged is ever lost.
    /// </summary>
    EveryCommand = 0,

    /// <summary>
    /// <see cref="ICommandJournal.Append"/> buffers in memory; <see cref="ICommandJournal.Flush"/>, which the
    /// matching thread calls at the end of each batch, writes and fsyncs. Results of a batch are published after the
    /// flush, so nothing published is lost. The default.
    /// </summary>
    EveryBatch = 1,

    /// <summary>
    /// <see cref="ICommandJournal.Flush"/> writes each batch to the OS (so the records survive a process crash) but
    /// fsyncs only when <see cref="FileCommandJournalOptions.SyncInterval"/> has passed or
    /// <see cref="FileCommandJournalOptions.SyncIntervalRecords"/> records are unsynced. A power loss can lose up to
    /// that window.
    /// </summary>
    Interval = 2,

    /// <summary>
    /// <see cref="ICommandJournal.Flush"/> writes to the OS and never fsyncs (not even on dispose). For benchmarks and
    /// tests; a power loss can lose anything the OS has not yet written back.
    /// </summary>
    None = 3,
}
