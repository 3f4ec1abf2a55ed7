using System.Diagnostics;
using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Sharding;

/// <summary>
/// A command on its way into a shard: the engine command, the instrument it is for, and where its outcome goes. The
/// slot type of the shard's command ring, written in place by the submitting thread.
/// </summary>
internal struct ShardCommand
{
    public OrderCommand Command;
    public int InstrumentId;

    /// <summary>The order-entry session the execution reports go back to (0: none, e.g. a replay).</summary>
    public long SessionId;

    /// <summary>The submitter's correlation id, returned with the outcome.</summary>
    public long Correlation;

    public ActivityTraceId TraceId;
    public ActivitySpanId SpanId;

    /// <summary>When it was submitted (<see cref="Stopwatch.GetTimestamp"/>), for the commit-latency histogram.</summary>
    public long SubmittedTimestamp;
}
