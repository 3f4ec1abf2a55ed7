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

    public FileCommandJournalOptions ToJournalOptions() => new()
    {
        FlushPolicy = FlushPolicy,
        SyncInterval = TimeSpan.FromMilliseconds(SyncIntervalMilliseconds),
    };
}
