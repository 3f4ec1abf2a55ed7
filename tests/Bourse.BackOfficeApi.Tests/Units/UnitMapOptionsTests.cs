using Bourse.BackOfficeApi.Hosting;
using Bourse.BackOfficeApi.Units;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi.Tests.Units;

public sealed class UnitMapOptionsTests
{
    private static UnitMapOptions Valid()
    {
        var options = new UnitMapOptions { Self = "shanghai" };
        options.Map.Add(new UnitOptions { Name = "shanghai", BaseUrl = new Uri("https://sh.bourse.test/") });
        options.Map.Add(new UnitOptions { Name = "shenzhen", BaseUrl = new Uri("https://gw.bourse.test/sz/") });
        return options;
    }

    private static IReadOnlyList<string> FailuresOf(UnitMapOptions options) =>
        new UnitMapOptionsValidator().Validate(null, options) is { Failed: true } result ? [.. result.Failures] : [];

    [Fact]
    public void Defaults_are_documented_values_and_mean_one_unit_without_routing()
    {
        var options = new UnitMapOptions();

        Assert.False(options.IsEnabled);
        Assert.Null(options.Self);
        Assert.Equal(UnitRoutingMode.Redirect, options.Routing);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ProbeCacheDuration);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.DegradedRoundTrip);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ForwardTimeout);
        Assert.Empty(options.ForwardHeaders);
        Assert.Equal(["Authorization", "X-Api-Key", "x-functions-key", "Accept", "Accept-Language", "User-Agent"], UnitMapOptions.DefaultForwardHeaders);
        Assert.Equal((1.0, UnitState.Healthy), (new UnitOptions().Weight, new UnitOptions().State));
        Assert.Empty(FailuresOf(options));
    }

    [Fact]
    public void A_valid_map_passes() => Assert.Empty(FailuresOf(Valid()));

    [Fact]
    public void A_map_without_self_or_with_a_self_it_does_not_list_fails()
    {
        var missing = Valid();
        missing.Self = null;
        var unknown = Valid();
        unknown.Self = "beijing";

        Assert.Contains(FailuresOf(missing), f => f.Contains("Self is required", StringComparison.Ordinal));
        Assert.Contains(FailuresOf(unknown), f => f.Contains("'beijing' is not a unit", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_must_be_present_and_unique_without_case()
    {
        var options = Valid();
        options.Map.Add(new UnitOptions { Name = "ShenZhen", BaseUrl = new Uri("https://x.bourse.test/") });
        options.Map.Add(new UnitOptions { Name = " ", BaseUrl = new Uri("https://y.bourse.test/") });

        var failures = FailuresOf(options);

        Assert.Contains(failures, f => f.Contains("Map:2:Name 'ShenZhen' appears twice", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Map:3:Name is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/relative")]
    [InlineData("ftp://sh.bourse.test/")]
    [InlineData("https://sh.bourse.test/?unit=1")]
    public void A_base_url_must_be_absolute_http_without_a_query(string? url)
    {
        var options = Valid();
        options.Map[1].BaseUrl = url is null ? null : new Uri(url, UriKind.RelativeOrAbsolute);

        Assert.Contains(FailuresOf(options), f => f.StartsWith("BackOfficeApi:Units:Map:1:BaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void Degraded_is_not_a_configured_state_a_weight_has_a_range_and_someone_must_take_users()
    {
        var options = Valid();
        options.Map[0].State = UnitState.Degraded;
        options.Map[1].Weight = 0;
        var allDraining = Valid();
        allDraining.Map[0].State = allDraining.Map[1].State = UnitState.Draining;

        var failures = FailuresOf(options);

        Assert.Contains(failures, f => f.Contains("Map:0:State must be Healthy or Draining", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("BackOfficeApi:Units:Map:1: ", StringComparison.Ordinal) && f.Contains("Weight", StringComparison.Ordinal));
        Assert.Contains(FailuresOf(allDraining), f => f.Contains("no unit that is not draining", StringComparison.Ordinal));
    }

    [Fact]
    public void The_section_binds_and_a_bad_map_fails_when_the_options_are_read()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BackOfficeApi:Units:Self"] = "shenzhen",
            ["BackOfficeApi:Units:Routing"] = "Forward",
            ["BackOfficeApi:Units:ProbeTimeout"] = "00:00:01",
            ["BackOfficeApi:Units:ForwardHeaders:0"] = "X-Api-Key",
            ["BackOfficeApi:Units:Map:0:Name"] = "shanghai",
            ["BackOfficeApi:Units:Map:0:BaseUrl"] = "https://sh.bourse.test/",
            ["BackOfficeApi:Units:Map:0:State"] = "Draining",
            ["BackOfficeApi:Units:Map:1:Name"] = "shenzhen",
            ["BackOfficeApi:Units:Map:1:BaseUrl"] = "https://sz.bourse.test/",
            ["BackOfficeApi:Units:Map:1:Weight"] = "2.5",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddBourseBackOfficeApi(configuration).BuildServiceProvider();
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BackOfficeApi:Units:Self"] = "beijing",
            ["BackOfficeApi:Units:Map:0:Name"] = "shanghai",
            ["BackOfficeApi:Units:Map:0:BaseUrl"] = "https://sh.bourse.test/",
        }).Build();
        using var badServices = new ServiceCollection().AddLogging().AddBourseBackOfficeApi(bad).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<UnitMapOptions>>().Value;
        var map = services.GetRequiredService<UnitMap>();

        Assert.Equal(("shenzhen", UnitRoutingMode.Forward, TimeSpan.FromSeconds(1)), (options.Self, options.Routing, options.ProbeTimeout));
        Assert.Equal(["X-Api-Key"], options.ForwardHeaders);
        Assert.Equal([("shanghai", UnitState.Draining, 1.0), ("shenzhen", UnitState.Healthy, 2.5)], map.Units.Select(u => (u.Name, u.State, u.Weight)));
        Assert.Equal("shenzhen", map.Self?.Name);
        var error = Assert.Throws<OptionsValidationException>(() => badServices.GetRequiredService<IOptions<UnitMapOptions>>().Value);
        Assert.Contains("'beijing' is not a unit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://sz.bourse.test", "/api/orders?x=1", "https://sz.bourse.test/api/orders?x=1")]
    [InlineData("https://gw.bourse.test/sz/", "/api/orders", "https://gw.bourse.test/sz/api/orders")]
    [InlineData("http://127.0.0.1:7072/", "api/health", "http://127.0.0.1:7072/api/health")]
    public void A_units_url_of_a_path_keeps_its_prefix(string baseUrl, string path, string expected) =>
        Assert.Equal(expected, new UnitEntry("sz", new Uri(baseUrl), 1, UnitState.Healthy).UrlOf(path).AbsoluteUri);
}
