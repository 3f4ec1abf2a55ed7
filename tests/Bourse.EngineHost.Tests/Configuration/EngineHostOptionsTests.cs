using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Configuration;

namespace Bourse.EngineHost.Tests.Configuration;

public sealed class EngineHostOptionsTests
{
    [Fact]
    public void Defaults_are_those_documented()
    {
        var options = new EngineHostOptions();
        var instrument = new InstrumentConfig();
        var shard = new ShardConfig();

        Assert.Empty(options.Instruments);
        Assert.Empty(options.Shards);
        Assert.False(options.AllowCrossNumaNode);
        Assert.Equal("journal", options.JournalDirectory);
        Assert.Equal((JournalFlushPolicy.EveryBatch, 10, 256L * 1_024), (options.Journal.FlushPolicy, options.Journal.SyncIntervalMilliseconds, options.Journal.PreallocationBytes));
        Assert.Null(options.EventHubs.ConnectionString);
        Assert.Equal("executions", options.EventHubs.ExecutionsHubName);
        Assert.Equal("book-updates", options.EventHubs.BookUpdatesHubName);
        Assert.Equal("http://127.0.0.1:5100", options.OrderEntry.Url);
        Assert.Null(options.OrderEntry.ServerCertificatePath);
        Assert.Null(options.OrderEntry.ServerKeyPath);
        Assert.Null(options.OrderEntry.ClientCaPath);
        Assert.Equal((0, "", 1L, 1L, 0L, 0), (instrument.Id, instrument.Symbol, instrument.TickSize, instrument.LotSize, instrument.ReferencePrice, instrument.BandBasisPoints));
        Assert.Equal(("", 0, -1), (shard.Name, shard.Instruments.Count, shard.Cpu));
    }

    [Fact]
    public void An_instrument_maps_to_the_engines_spec()
    {
        var options = new InstrumentConfig { Id = 600519, Symbol = "600519.SH", TickSize = 1, LotSize = 100, ReferencePrice = 145_000, BandBasisPoints = 1000 };

        InstrumentSpec spec = options.ToInstrumentSpec();

        Assert.Equal(new InstrumentSpec(600519, 1, 100, 145_000, 1000), spec);
        Assert.Equal((130_500, 159_500), (spec.LowerLimit, spec.UpperLimit));
    }

    [Fact]
    public void The_largest_reference_price_cannot_overflow_the_band()
    {
        var spec = new InstrumentSpec(1, 1, 1, InstrumentConfig.MaxReferencePrice, 10_000);

        Assert.Equal(922_337_203_685_477, InstrumentConfig.MaxReferencePrice);
        Assert.Equal(2 * InstrumentConfig.MaxReferencePrice, spec.UpperLimit);
    }

    [Theory]
    [InlineData("engine-host/Bourse.EngineHost/appsettings.json")]
    [InlineData("engine-host/deploy/appsettings.json")]
    public void The_sample_settings_bind_and_validate(string relativePath)
    {
        EngineHostOptions options = EngineHostConfiguration.Load(RepositoryFile(relativePath), includeEnvironment: false);

        Assert.Equal([600519, 601318, 600036, 1], options.Instruments.Select(i => i.Id));
        Assert.Equal(["600519.SH", "601318.SH", "600036.SH", "000001.SZ"], options.Instruments.Select(i => i.Symbol));
        Assert.All(options.Instruments, i => Assert.Equal((1L, 100L, 1000), (i.TickSize, i.LotSize, i.BandBasisPoints)));
        Assert.All(options.Instruments, i => i.ToInstrumentSpec().Validate());
        Assert.Equal(2, options.Shards.Count);
        Assert.Equal([[600519, 601318], [600036, 1]], options.Shards.Select(s => s.Instruments.ToArray()));
        Assert.False(options.AllowCrossNumaNode);
        Assert.Null(options.EventHubs.ConnectionString);
    }

    [Fact]
    public void The_sample_in_the_build_output_is_the_one_in_the_repository() =>
        Assert.Equal(
            File.ReadAllText(RepositoryFile("engine-host/Bourse.EngineHost/appsettings.json")),
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));

    internal static string RepositoryFile(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}");
    }
}
