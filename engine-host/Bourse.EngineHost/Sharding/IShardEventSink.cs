using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Sharding;

/// <summary>Where a shard's outcomes go: execution reports to sessions, events to the publisher.</summary>
/// <remarks>
/// Called on the shard's commit thread (<c>C:&lt;shard&gt;</c>) for each batch, in order, after the journal has taken the batch's commands
/// as its flush policy promises (for <c>EveryBatch</c>: fsynced), so nothing leaves the shard that a restart could
/// lose. The spans are valid only during the call: copy what you keep. Must not block for long: matching waits.
/// </remarks>
internal interface IShardEventSink
{
    void OnCommitted(ReadOnlySpan<CommittedCommand> commands, ReadOnlySpan<MatchEvent> events);
}
