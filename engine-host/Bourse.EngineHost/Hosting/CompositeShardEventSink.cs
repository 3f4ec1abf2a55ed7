using Bourse.Engine.Matching;
using Bourse.EngineHost.Sharding;

namespace Bourse.EngineHost.Hosting;

/// <summary>Hands each committed batch to several sinks in turn (order entry's reports, then the publisher's ring).</summary>
internal sealed class CompositeShardEventSink(params IShardEventSink[] sinks) : IShardEventSink
{
    public void OnCommitted(ReadOnlySpan<CommittedCommand> commands, ReadOnlySpan<MatchEvent> events)
    {
        foreach (var sink in sinks)
        {
            sink.OnCommitted(commands, events);
        }
    }
}
