using System.Diagnostics;
using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Sharding;

/// <summary>
/// A command the shard has journalled and matched, with the range of its events in the batch handed to
/// <see cref="IShardEventSink.OnCommitted"/>.
/// </summary>
internal readonly record struct CommittedCommand(
    OrderCommand Command,
    int InstrumentId,
    long CommandSequence,
    long SessionId,
    long Correlation,
    ActivityTraceId TraceId,
    ActivitySpanId SpanId,
    int FirstEvent,
    int EventCount);
