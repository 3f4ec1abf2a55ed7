using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.Engine.Pipeline;

namespace Bourse.EngineHost.Sharding;

/// <summary>One shard: the instruments one matching thread owns, and how it journals them.</summary>
internal sealed class ShardOptions
{
    /// <summary>The shard's name; its matching thread is called <c>M:&lt;name&gt;</c>.</summary>
    public required string Name { get; init; }

    public required IReadOnlyList<InstrumentSpec> Instruments { get; init; }

    /// <summary>Root of the journals: each instrument journals to <c>&lt;root&gt;/&lt;instrument id&gt;/</c>, snapshots beside it.</summary>
    public required string JournalDirectory { get; init; }

    /// <summary>Journal options. The default value is <c>EveryBatch</c>: one fsync per ring batch.</summary>
    public FileCommandJournalOptions JournalOptions { get; init; } = new();

    /// <summary>Slots in the command ring (a power of two). The default value is 65,536.</summary>
    public int RingSize { get; init; } = 1 << 16;

    /// <summary>How the matching thread waits for commands. The default value is a <see cref="BlockingWaitStrategy"/>.</summary>
    public IWaitStrategy WaitStrategy { get; init; } = new BlockingWaitStrategy();

    /// <summary>Runs first on the matching thread (CPU pinning). The default value does nothing.</summary>
    public Action? OnThreadStart { get; init; }
}
