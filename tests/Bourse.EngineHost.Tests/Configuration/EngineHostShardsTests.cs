using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Configuration;
using Bourse.EngineHost.Sharding;
using Bourse.EngineHost.Tests.Topology;
using Bourse.EngineHost.Topology;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.EngineHost.Tests.Configuration;

public sealed class EngineHostShardsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-shards-");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public void Each_configured_shard_becomes_pipeline_options_with_its_instruments_rules()
    {
        EngineHostOptions options = Sample();

        IReadOnlyList<ShardOptions> shards = options.ToShardOptions(Starter(new FakeCpuAffinity()));

        Assert.Equal(["shard0", "shard1"], shards.Select(s => s.Name));
        Assert.Equal([new InstrumentSpec(600519, 1, 100, 145_000, 1000), new InstrumentSpec(601318, 1, 100, 5_200, 1000)], shards[0].Instruments);
        Assert.Equal([600036, 1], shards[1].Instruments.Select(i => i.InstrumentId));
        Assert.All(shards, s => Assert.Equal(_directory.FullName, s.JournalDirectory));
        Assert.All(shards, s => Assert.NotNull(s.OnThreadStart));
    }

    [Fact]
    public void The_journal_settings_reach_every_shards_journal()
    {
        EngineHostOptions options = Sample();
        options.Journal.FlushPolicy = JournalFlushPolicy.Interval;
        options.Journal.SyncIntervalMilliseconds = 25;
        options.Journal.PreallocationBytes = 4_096;

        IReadOnlyList<ShardOptions> shards = options.ToShardOptions(Starter(new FakeCpuAffinity()));

        Assert.All(shards, s => Assert.Equal((JournalFlushPolicy.Interval, TimeSpan.FromMilliseconds(25), 4_096L), (s.JournalOptions.FlushPolicy, s.JournalOptions.SyncInterval, s.JournalOptions.PreallocationSize)));
        Assert.Empty(EngineHostOptionsValidator.Check(options));
    }

    [Fact]
    public void A_sync_interval_out_of_range_an_unknown_flush_policy_or_a_preallocation_of_part_records_is_refused()
    {
        EngineHostOptions options = Sample();
        options.Journal.FlushPolicy = (JournalFlushPolicy)7;
        options.Journal.SyncIntervalMilliseconds = 0;
        options.Journal.PreallocationBytes = 1_000;

        IReadOnlyList<string> failures = EngineHostOptionsValidator.Check(options);

        Assert.Contains("EngineHost:Journal:PreallocationBytes must be a multiple of 64 (the journal's record size); it is 1000", failures);
        Assert.Contains("EngineHost:Journal:SyncIntervalMilliseconds must be between 1 and 60000 milliseconds; it is 0", failures);
        Assert.Contains("EngineHost:Journal:FlushPolicy must be EveryBatch, Interval or EveryCommand; 7", failures);
    }

    [Fact]
    public void Each_shard_pipelines_matching_thread_pins_itself_to_the_configured_cpu()
    {
        var affinity = new FakeCpuAffinity();
        var sink = new NullSink();

        foreach (ShardOptions shard in Sample().ToShardOptions(Starter(affinity)))
        {
            using ShardPipeline pipeline = ShardPipeline.Open(shard, sink);
            pipeline.Start();
            pipeline.Stop();
        }

        Assert.Equal([("M:shard0", 0), ("M:shard1", 1)], affinity.Pins);
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Delete(recursive: true);
    }

    private EngineHostOptions Sample()
    {
        EngineHostOptions options = EngineHostConfiguration.Load(
            EngineHostOptionsTests.RepositoryFile("engine-host/Bourse.EngineHost/appsettings.json"), includeEnvironment: false);
        options.JournalDirectory = _directory.FullName;
        return options;
    }

    private ShardThreadStarter Starter(ICpuAffinity affinity) =>
        new(affinity, new PinningMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), new RecordingLogger<ShardThreadStarter>());

    private sealed class NullSink : IShardEventSink
    {
        public void OnCommitted(ReadOnlySpan<CommittedCommand> commands, ReadOnlySpan<MatchEvent> events)
        {
        }
    }
}
