using System.Buffers.Binary;
using System.Diagnostics;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Commands;
using Bourse.EngineHost.Publishing;

namespace Bourse.EngineHost.Tests.Publishing;

/// <summary>Plays the matching thread: journals and matches commands, then writes their events through the out-ring writer.</summary>
internal static class PublishDriver
{
    /// <summary>Commands for each instrument, from the seeded generator (a different stream per instrument).</summary>
    public static Dictionary<int, OrderCommand[]> Commands(IEnumerable<int> instrumentIds, int perInstrument) =>
        instrumentIds.ToDictionary(id => id, id => CommandStreamGenerator.Generate(1_000 + id, perInstrument));

    /// <summary>
    /// Runs commands <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) of every instrument,
    /// interleaved, in batches of <paramref name="batchSize"/>: journal, match, flush, then write and commit (or, with a
    /// null writer, only journal and match: events that never reach the ring, as when the process dies first).
    /// </summary>
    public static void Run(JournalledBooks books, PublishRingWriter? writer, Dictionary<int, OrderCommand[]> commands, int from, int to, int batchSize = 16)
    {
        var pending = new List<(int Id, MatchEvent[] Events)>();
        for (var i = from; i < to; i++)
        {
            foreach (var (id, stream) in commands)
            {
                pending.Add((id, books.Process(id, stream[i])));
            }

            if (pending.Count >= batchSize || i == to - 1)
            {
                books.Flush();
                if (writer is not null)
                {
                    foreach (var (id, events) in pending)
                    {
                        var (traceId, spanId) = TraceOf(id, events.Length == 0 ? 0 : events[0].CommandSequence);
                        writer.Write(id, events, traceId, spanId, ActivityTraceFlags.Recorded);
                    }

                    writer.Commit();
                }

                pending.Clear();
            }
        }
    }

    /// <summary>A deterministic trace context per (instrument, command).</summary>
    public static (ActivityTraceId TraceId, ActivitySpanId SpanId) TraceOf(int instrumentId, long commandSequence)
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, 0x0B0_0000_0000 + instrumentId);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], commandSequence + 1);
        BinaryPrimitives.WriteInt64BigEndian(bytes[16..], (instrumentId * 1_000_000L) + commandSequence + 1);
        return (ActivityTraceId.CreateFromBytes(bytes[..16]), ActivitySpanId.CreateFromBytes(bytes[16..]));
    }

    public static string TraceParentOf(int instrumentId, long commandSequence)
    {
        var (traceId, spanId) = TraceOf(instrumentId, commandSequence);
        return $"00-{traceId.ToHexString()}-{spanId.ToHexString()}-01";
    }

    /// <summary>Waits until the publisher has handled everything in the ring (and so sent it), or fails after 20 s.</summary>
    public static async Task DrainAsync(PublishPipeline pipeline)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var target = pipeline.Ring.Cursor;
        while (pipeline.HandledSequence < target)
        {
            Assert.Null(pipeline.Fault);
            await Task.Delay(5, timeout.Token);
        }
    }
}
