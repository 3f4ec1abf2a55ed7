using System.Diagnostics.Metrics;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Commands;
using Bourse.EngineHost.Sharding;

namespace Bourse.EngineHost.Tests.Sharding;

public sealed class ShardMetricsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-shard-metrics-");

    [Fact]
    public void A_shard_counts_its_commands_records_each_commit_latency_and_reports_its_queue_depth()
    {
        var shardName = "metrics-" + Path.GetFileName(_directory.FullName);
        long commands = 0;
        var latencies = new List<double>();
        var depths = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ShardMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (!IsShard(tags, shardName))
            {
                return;
            }

            if (instrument.Name == "bourse.engine.commands")
            {
                Interlocked.Add(ref commands, value);
            }
            else if (instrument.Name == "bourse.engine.queue.depth")
            {
                lock (depths)
                {
                    depths.Add(value);
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "bourse.engine.commit.latency" && IsShard(tags, shardName))
            {
                lock (latencies)
                {
                    latencies.Add(value);
                }
            }
        });
        listener.Start();

        var options = new ShardOptions
        {
            Name = shardName,
            Instruments = [new InstrumentSpec(1)],
            JournalDirectory = _directory.FullName,
            JournalOptions = new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.None },
        };
        using (var shard = ShardPipeline.Open(options, new NullSink()))
        {
            shard.Start();
            foreach (var command in CommandStreamGenerator.Generate(3, 3_000))
            {
                while (!shard.TrySubmit(new ShardCommand { Command = command, InstrumentId = 1 }))
                {
                    Thread.Yield();
                }
            }

            shard.Stop();
            listener.RecordObservableInstruments();
        }

        Assert.Equal(3_000, Interlocked.Read(ref commands));
        Assert.Equal(3_000, latencies.Count);
        Assert.All(latencies, l => Assert.True(l > 0));
        Assert.Equal([0L], depths);
    }

    private static bool IsShard(ReadOnlySpan<KeyValuePair<string, object?>> tags, string shard)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "shard" && Equals(tag.Value, shard))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private sealed class NullSink : IShardEventSink
    {
        public void OnCommitted(ReadOnlySpan<CommittedCommand> commands, ReadOnlySpan<MatchEvent> events)
        {
        }
    }
}
