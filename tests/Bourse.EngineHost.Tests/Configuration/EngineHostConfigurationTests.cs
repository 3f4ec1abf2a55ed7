using Bourse.EngineHost.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bourse.EngineHost.Tests.Configuration;

public sealed class EngineHostConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-config-");

    [Fact]
    public void A_misspelt_key_is_refused_with_its_path_and_the_keys_there_are()
    {
        string path = Sample(text => text.Replace("\"LotSize\": 100, \"ReferencePrice\": 5200", "\"LotSzie\": 100, \"ReferencePrice\": 5200", StringComparison.Ordinal));

        var e = Assert.Throws<OptionsValidationException>(() => EngineHostConfiguration.Load(path, includeEnvironment: false));

        Assert.Equal(
            ["EngineHost:Instruments:1:LotSzie is not a setting; those of EngineHost:Instruments:1 are Id, Symbol, TickSize, LotSize, ReferencePrice, BandBasisPoints"],
            e.Failures);
    }

    [Fact]
    public void Unknown_keys_are_found_at_every_level()
    {
        IConfiguration configuration = Configuration(new()
        {
            ["EngineHost:Journals"] = "x",
            ["EngineHost:EventHubs:Hub"] = "x",
            ["EngineHost:Shards:0:Cpu:Node"] = "x",
            ["EngineHost:Shards:0:Instruments:0:Id"] = "x",
        });

        var e = Assert.Throws<OptionsValidationException>(() => EngineHostConfiguration.Bind(configuration));

        Assert.Equal(
            [
                "EngineHost:EventHubs:Hub is not a setting; those of EngineHost:EventHubs are ConnectionString, ExecutionsHubName, BookUpdatesHubName",
                "EngineHost:Journals is not a setting; those of EngineHost are Instruments, Shards, AllowCrossNumaNode, JournalDirectory, Journal, EventHubs, Telemetry, WarmUp, OrderEntry",
                "EngineHost:Shards:0:Cpu is a single value, not a section or a list",
                "EngineHost:Shards:0:Instruments:0 is a single value, not a section or a list",
            ],
            e.Failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Keys_are_matched_without_regard_to_case_as_the_binder_does()
    {
        string path = Sample(text => text.Replace("\"JournalDirectory\"", "\"journalDirectory\"", StringComparison.Ordinal)
            .Replace("\"journal\"", "\"/var/lib/bourse-engine/journal\"", StringComparison.Ordinal));

        Assert.Equal("/var/lib/bourse-engine/journal", EngineHostConfiguration.Load(path, includeEnvironment: false).JournalDirectory);
    }

    [Fact]
    public void A_value_that_does_not_convert_is_refused_naming_its_key()
    {
        string path = Sample(text => text.Replace("\"Cpu\": 1", "\"Cpu\": \"one\"", StringComparison.Ordinal));

        var e = Assert.Throws<OptionsValidationException>(() => EngineHostConfiguration.Load(path, includeEnvironment: false));

        Assert.Equal(["Failed to convert configuration value 'one' at 'EngineHost:Shards:1:Cpu' to type 'System.Int32'."], e.Failures);
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_failure()
    {
        string path = Sample(text => text.Replace("\"Cpu\": 1", "\"Cpu\": 0", StringComparison.Ordinal).Replace("\"TickSize\": 1,", "\"TickSize\": 0,", StringComparison.Ordinal));

        var e = Assert.Throws<OptionsValidationException>(() => EngineHostConfiguration.Load(path, includeEnvironment: false));

        Assert.Equal(5, e.Failures.Count());
        Assert.Contains("EngineHost:Shards:1:Cpu 0 is also the CPU of EngineHost:Shards:0; each matching thread needs a CPU of its own", e.Failures);
        Assert.Contains("EngineHost:Instruments:3:TickSize must be 1 or more; it is 0", e.Failures);
    }

    [Fact]
    public void A_file_without_the_section_is_refused()
    {
        string path = Path.Combine(_directory.FullName, "empty.json");
        File.WriteAllText(path, "{ \"Logging\": {} }");

        var e = Assert.Throws<OptionsValidationException>(() => EngineHostConfiguration.Load(path, includeEnvironment: false));

        Assert.Equal(["the configuration has no 'EngineHost' section"], e.Failures);
    }

    [Fact]
    public void A_file_that_is_not_json_is_invalid_data()
    {
        string path = Path.Combine(_directory.FullName, "broken.json");
        File.WriteAllText(path, "{ \"EngineHost\": ");

        Assert.Throws<InvalidDataException>(() => EngineHostConfiguration.Load(path, includeEnvironment: false));
    }

    [Fact]
    public void A_missing_file_is_an_io_error() =>
        Assert.Throws<FileNotFoundException>(() => EngineHostConfiguration.Load(Path.Combine(_directory.FullName, "none.json"), includeEnvironment: false));

    [Fact]
    public void Later_sources_override_the_file_key_by_key()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Sample())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["EngineHost:Shards:1:Cpu"] = "5", ["EngineHost:AllowCrossNumaNode"] = "true" })
            .Build();

        EngineHostOptions options = EngineHostConfiguration.Bind(configuration);

        Assert.Equal([0, 5], options.Shards.Select(s => s.Cpu));
        Assert.True(options.AllowCrossNumaNode);
        Assert.Equal([600036, 1], options.Shards[1].Instruments);
    }

    [Fact]
    public void The_host_validates_on_start_not_at_first_use()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddEngineHostOptions(Configuration(new() { ["EngineHost:Shards:0:Name"] = "only", ["EngineHost:Shards:0:Cpu"] = "0", ["EngineHost:Shards:0:Instruments:0"] = "7" }))
            .BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(services.GetRequiredService<IStartupValidator>().Validate);

        Assert.Equal(
            [
                "EngineHost:Instruments must list at least one instrument",
                "EngineHost:Shards:0:Instruments lists 7, which is not the id of any of EngineHost:Instruments",
            ],
            e.Failures);
    }

    [Fact]
    public void The_host_refuses_an_unknown_key_on_start()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddEngineHostOptions(Configuration(new() { ["EngineHost:Shard:0:Cpu"] = "0" }))
            .BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(services.GetRequiredService<IStartupValidator>().Validate);

        Assert.StartsWith("EngineHost:Shard is not a setting", Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_starts_with_the_sample()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddJsonFile(Sample()).Build();
        using ServiceProvider services = new ServiceCollection().AddEngineHostOptions(configuration).BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(4, services.GetRequiredService<IOptions<EngineHostOptions>>().Value.Instruments.Count);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    /// <summary>The project's sample settings, changed by <paramref name="edit"/> if given, in a file of their own.</summary>
    private string Sample(Func<string, string>? edit = null)
    {
        string text = File.ReadAllText(EngineHostOptionsTests.RepositoryFile("engine-host/Bourse.EngineHost/appsettings.json"));
        string edited = edit is null ? text : edit(text);
        Assert.True(edit is null || edited != text, "the edit changed nothing");
        string path = Path.Combine(_directory.FullName, $"settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, edited);
        return path;
    }
}
