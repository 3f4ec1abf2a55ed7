using Bourse.EngineHost.Sharding;
using Bourse.EngineHost.Topology;

namespace Bourse.EngineHost.Configuration;

/// <summary>From the configured shards to the options of their <see cref="ShardPipeline"/>s.</summary>
internal static class EngineHostShards
{
    /// <summary>
    /// One <see cref="ShardOptions"/> per configured shard, in order: its instruments' rules, the journal directory
    /// (each instrument journals under its own id, unique across shards), and a thread start that pins the matching
    /// thread to the shard's CPU through <paramref name="pinning"/>.
    /// </summary>
    /// <param name="options">Valid options (<see cref="EngineHostOptionsValidator"/>): every shard's instrument exists.</param>
    /// <param name="pinning">Pins, logs and counts; the thread runs unpinned if its CPU cannot be had.</param>
    public static IReadOnlyList<ShardOptions> ToShardOptions(this EngineHostOptions options, ShardThreadStarter pinning)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pinning);
        var specs = options.Instruments.ToDictionary(i => i.Id, i => i.ToInstrumentSpec());
        return
        [
            .. options.Shards.Select(shard => new ShardOptions
            {
                Name = shard.Name,
                Instruments = [.. shard.Instruments.Select(id => specs[id])],
                JournalDirectory = options.JournalDirectory,
                JournalOptions = options.Journal.ToJournalOptions(),
                OnThreadStart = () => pinning.PinCurrentThread(shard.Cpu),
            }),
        ];
    }
}
