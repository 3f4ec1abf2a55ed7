using System.ComponentModel.DataAnnotations;
using Bourse.Engine.Journal;

namespace Bourse.EngineHost.Configuration;

/// <summary>Section <c>EngineHost:Journal</c>: the durability of the command journal.</summary>
internal sealed class JournalOptions
{
    /// <summary>
    /// <see cref="JournalFlushPolicy.EveryBatch"/> (the default) fsyncs each ring batch before its outcomes leave the
    /// shard: nothing acknowledged is ever lost. <see cref="JournalFlushPolicy.Interval"/> writes each batch to the OS
    /// (it survives a crash of the process) but fsyncs only every <see cref="SyncIntervalMilliseconds"/>: a power loss
    /// can lose what was acknowledged in that window. <see cref="JournalFlushPolicy.EveryCommand"/> fsyncs each command.
    /// </summary>
    /// <value>The default value is <see cref="JournalFlushPolicy.EveryBatch"/>.</value>
    public JournalFlushPolicy FlushPolicy { get; set; } = JournalFlushPolicy.EveryBatch;

    /// <summary>Under <see cref="JournalFlushPolicy.Interval"/>, the longest time between two fsyncs.</summary>
    /// <value>The default value is 10 milliseconds.</value>
    [Range(1, 60_000, ErrorMessage = "must be between 1 and 60000 milliseconds")]
    public int SyncIntervalMilliseconds { get; set; } = 10;

    /// <summary>
    /// Bytes of zeros the journal writes ahead of its records (<see cref="FileCommandJournalOptions.PreallocationSize"/>),
    /// so that most fsyncs overwrite blocks the file already has instead of growing it. 0 turns it off.
    /// </summary>
    /// <value>The default value is 256 KiB (4,096 records).</value>
    [Range(0, 1L << 30, ErrorMessage = "must be between 0 and 1073741824 bytes")]
    public long PreallocationBytes { get; set; } = 256 * 1024;

    public FileCommandJournalOptions ToJournalOptions() => new()
    {
        FlushPolicy = FlushPolicy,
        SyncInterval = TimeSpan.FromMilliseconds(SyncIntervalMilliseconds),
        PreallocationSize = PreallocationBytes,
    };
}
