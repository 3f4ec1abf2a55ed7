using System.Collections.Concurrent;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Commands;
using Bourse.EngineHost.Sharding;

namespace Bourse.EngineHost.Tests.Sharding;

public sealed class ShardPipelineTests : IDisposable
{
    private static readonly InstrumentSpec[] Instruments = [new(1), new(2)];
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-shard-");

    private ShardOptions Options(JournalFlushPolicy policy = JournalFlushPolicy.EveryBatch) => new()
    {
        Name = "test",
        Instruments = Instruments,
        JournalDirectory = _directory.FullName,
        JournalOptions = new FileCommandJournalOptions { FlushPolicy = policy },
        RingSize = 1 << 12,
    };

    [Fact]
    public void Commands_from_many_threads_are_journalled_matched_and_reported_once_each_in_instrument_order()
    {
        var sink = new RecordingSink();
        const int Threads = 4;
        const int PerThread = 20_000;
        var streams = Enumerable.Range(0, Threads).Select(t => CommandStreamGenerator.Generate(100 + t, PerThread)).ToArray();
        using (var shard = ShardPipeline.Open(Options(JournalFlushPolicy.None), sink))
        {
            shard.Start();
            Parallel.For(0, Threads, t =>
            {
                for (var i = 0; i < PerThread; i++)
                {
                    // Each thread owns a disjoint id range, so threads do not cancel each other's orders.
                    var command = streams[t][i];
                    command.OrderId += t * 10_000_000L;
                    var slot = new ShardCommand { Command = command, InstrumentId = 1 + (t % 2), SessionId = t + 1, Correlation = i };
                    while (!shard.TrySubmit(slot))
                    {
                        Thread.Yield();
                    }
                }
            });
            shard.Stop();

            Assert.Equal(Threads * PerThread, sink.Commands.Count);
            foreach (var instrument in new[] { 1, 2 })
            {
                var sequences = sink.Commands.Where(c => c.InstrumentId == instrument).Select(c => c.CommandSequence).ToArray();
                Assert.Equal(Enumerable.Range(1, Threads * PerThread / 2).Select(i => (long)i), sequences);
                Assert.Equal(sequences.Length, shard.LastCommandSequence(instrument));
            }

            // Each session's commands come back in the order it sent them.
            foreach (var session in sink.Commands.GroupBy(c => c.SessionId))
            {
                Assert.Equal(Enumerable.Range(0, PerThread).Select(i => (long)i), session.Select(c => c.Correlation));
            }

            Assert.True(sink.Events.Count(e => e.Type == EventType.Trade) > 1_000, "the streams should trade");
        }
    }

    [Fact]
    public void Reopening_recovers_the_books_from_snapshot_and_journal_and_continues_the_sequences()
    {
        var commands = CommandStreamGenerator.Generate(7, 30_000);
        ulong[] hashes;
        using (var shard = ShardPipeline.Open(Options(), new RecordingSink()))
        {
            shard.Start();
            SubmitAll(shard, commands, instrumentOf: i => 1 + (i % 2));
            shard.Stop();
            hashes = [shard.StateHash(1), shard.StateHash(2)];
        }

        // The reference: the same commands straight into books, no pipeline.
        Assert.Equal(ReplayDirect(commands, 1), hashes[0]);
        Assert.Equal(ReplayDirect(commands, 2), hashes[1]);

        var sink = new RecordingSink();
        using (var reopened = ShardPipeline.Open(Options(), sink))
        {
            Assert.Equal(hashes[0], reopened.StateHash(1));
            Assert.Equal(hashes[1], reopened.StateHash(2));
            Assert.All(reopened.Recoveries.Values, r => Assert.NotNull(r.SnapshotPath));
            reopened.Start();
            Assert.True(reopened.TrySubmit(new ShardCommand { Command = OrderCommand.Cancel(424242), InstrumentId = 1 }));
            reopened.Stop();
            Assert.Equal(15_001, Assert.Single(sink.Commands).CommandSequence);
        }
    }

    [Fact]
    public void Without_a_snapshot_the_journal_alone_rebuilds_the_book()
    {
        var commands = CommandStreamGenerator.Generate(8, 10_000);
        using (var shard = ShardPipeline.Open(Options(), new RecordingSink()))
        {
            shard.Start();
            SubmitAll(shard, commands, instrumentOf: _ => 1);
            shard.Stop();
        }

        foreach (var snapshot in Directory.GetFiles(_directory.FullName, "snapshot-*", SearchOption.AllDirectories))
        {
            File.Delete(snapshot);
        }

        using var reopened = ShardPipeline.Open(Options(), new RecordingSink());
        Assert.Null(reopened.Recoveries[1].SnapshotPath);
        Assert.Equal(10_000, reopened.Recoveries[1].ReplayedCommands);
        Assert.Equal(ReplayDirect(commands, 1, instrumentOf: _ => 1), reopened.StateHash(1));
    }

    [Fact]
    public void Outcomes_leave_the_shard_only_after_the_journal_has_flushed_them()
    {
        var sink = new RecordingSink();
        using var shard = ShardPipeline.Open(Options(JournalFlushPolicy.EveryBatch), sink);
        var journalDirectory = Path.Combine(_directory.FullName, "1", "journal");
        sink.OnEachBatch = commands =>
        {
            // Read the journal from disk, as a restart would: every command handed on must be in it.
            using var reader = CommandJournalReader.OpenDirectory(journalDirectory);
            long last = 0;
            while (reader.TryRead(out var sequence, out _))
            {
                last = sequence;
            }

            Assert.True(last >= commands[^1].CommandSequence, $"command {commands[^1].CommandSequence} reported before it was journalled (journal ends at {last})");
        };
        shard.Start();
        SubmitAll(shard, CommandStreamGenerator.Generate(9, 2_000), instrumentOf: _ => 1);
        shard.Stop();
        Assert.Equal(2_000, sink.Commands.Count);
        Assert.Null(sink.Failure);
    }

    [Fact]
    public void An_unknown_instrument_is_rejected_and_not_journalled()
    {
        var sink = new RecordingSink();
        using var shard = ShardPipeline.Open(Options(), sink);
        shard.Start();
        Assert.True(shard.TrySubmit(new ShardCommand { Command = OrderCommand.NewOrder(5, Side.Buy, 100, 10, TimeInForce.Gtc, 1), InstrumentId = 99, Correlation = 3 }));
        shard.Stop();

        var committed = Assert.Single(sink.Commands);
        Assert.Equal((99, 0L, 3L), (committed.InstrumentId, committed.CommandSequence, committed.Correlation));
        var rejected = Assert.Single(sink.Events);
        Assert.Equal((EventType.Rejected, RejectReason.InvalidCommand), (rejected.Type, rejected.RejectReason));
        Assert.Equal(0, shard.LastCommandSequence(1));
    }

    [Fact]
    public void A_stopped_shard_accepts_nothing()
    {
        using var shard = ShardPipeline.Open(Options(), new RecordingSink());
        Assert.False(shard.TrySubmit(new ShardCommand { Command = OrderCommand.Cancel(1), InstrumentId = 1 }));
        shard.Start();
        shard.Stop();
        Assert.False(shard.TrySubmit(new ShardCommand { Command = OrderCommand.Cancel(1), InstrumentId = 1 }));
    }

    private static void SubmitAll(ShardPipeline shard, OrderCommand[] commands, Func<int, int> instrumentOf)
    {
        for (var i = 0; i < commands.Length; i++)
        {
            var slot = new ShardCommand { Command = commands[i], InstrumentId = instrumentOf(i), Correlation = i };
            while (!shard.TrySubmit(slot))
            {
                Thread.Yield();
            }
        }
    }

    private static ulong ReplayDirect(OrderCommand[] commands, int instrument, Func<int, int>? instrumentOf = null)
    {
        instrumentOf ??= i => 1 + (i % 2);
        var events = new EventBuffer();
        var book = new OrderBook(new InstrumentSpec(instrument), events);
        long sequence = 0;
        for (var i = 0; i < commands.Length; i++)
        {
            if (instrumentOf(i) == instrument)
            {
                book.Process(commands[i], ++sequence);
                events.Clear();
            }
        }

        return book.ComputeStateHash();
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private sealed class RecordingSink : IShardEventSink
    {
        public ConcurrentQueue<CommittedCommand> Commands { get; } = new();

        public ConcurrentQueue<MatchEvent> Events { get; } = new();

        public Action<CommittedCommand[]>? OnEachBatch { get; set; }

        public Exception? Failure { get; private set; }

        public void OnCommitted(ReadOnlySpan<CommittedCommand> commands, ReadOnlySpan<MatchEvent> events)
        {
            try
            {
                OnEachBatch?.Invoke(commands.ToArray());
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                Failure ??= e;
            }

            foreach (var c in commands)
            {
                Commands.Enqueue(c);
            }

            foreach (var e in events)
            {
                Events.Enqueue(e);
            }
        }
    }
}
