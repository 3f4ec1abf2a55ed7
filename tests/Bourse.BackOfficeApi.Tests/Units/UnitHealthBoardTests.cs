using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bourse.BackOfficeApi.Hosting;
using Bourse.BackOfficeApi.Units;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.BackOfficeApi.Tests.Units;

/// <summary><c>GET /api/units</c> against real servers on 127.0.0.1: probes over HTTP, a measured round trip, unreachable and
/// slow units degraded, draining as configured, shares from the weights; one round of probes per cache period.</summary>
public sealed class UnitHealthBoardTests
{
    private static async Task<JsonElement> BoardAsync(UnitServer server, string key = UnitServer.OperationsKey)
    {
        using var client = server.Client(key);
        var response = await client.GetAsync(new Uri("/api/units", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement UnitOf(JsonElement board, string name) =>
        board.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Each_unit_is_probed_for_real_and_shown_reachable_or_not_with_its_round_trip_state_and_share()
    {
        await using var shenzhen = await UnitServer.StartAsync();
        // Wide margins: the machine is shared, and a first request (connect, JIT) can take a while.
        await using var slow = await UnitServer.StartAsync(healthDelay: TimeSpan.FromSeconds(3));
        await using var draining = await UnitServer.StartAsync();
        var down = new Uri($"http://127.0.0.1:{UnitServer.FreePort()}/");
        await using var shanghai = await UnitServer.StartAsync(self =>
        {
            var settings = UnitSettings.Map("shanghai", UnitRoutingMode.Redirect,
                ("shanghai", self, UnitState.Healthy), ("shenzhen", shenzhen.BaseUrl, UnitState.Healthy), ("beijing", down, UnitState.Healthy),
                ("guangzhou", slow.BaseUrl, UnitState.Healthy), ("chengdu", draining.BaseUrl, UnitState.Draining));
            settings["BackOfficeApi:Units:DegradedRoundTrip"] = "00:00:02";
            settings["BackOfficeApi:Units:ProbeTimeout"] = "00:00:10";
            settings["BackOfficeApi:Units:Map:0:Weight"] = "2";
            return settings;
        });

        var board = await BoardAsync(shanghai);

        Assert.Equal("shanghai", board.GetProperty("self").GetString());
        Assert.Equal("redirect", board.GetProperty("routing").GetString());
        Assert.Equal(["shanghai", "shenzhen", "beijing", "guangzhou", "chengdu"], board.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("name").GetString()));

        var self = UnitOf(board, "shanghai");
        Assert.True(self.GetProperty("isSelf").GetBoolean());
        Assert.Equal(("healthy", true), (self.GetProperty("state").GetString(), self.GetProperty("reachable").GetBoolean()));
        Assert.Equal(0.4, self.GetProperty("share").GetDouble());

        var up = UnitOf(board, "shenzhen");
        Assert.Equal(("healthy", true, false), (up.GetProperty("state").GetString(), up.GetProperty("reachable").GetBoolean(), up.GetProperty("isSelf").GetBoolean()));
        Assert.InRange(up.GetProperty("roundTripMs").GetDouble(), 0.001, 2_000);
        Assert.Equal(0.2, up.GetProperty("share").GetDouble());
        Assert.Equal(shenzhen.BaseUrl.AbsoluteUri, up.GetProperty("baseUrl").GetString());

        var unreachable = UnitOf(board, "beijing");
        Assert.Equal(("degraded", false), (unreachable.GetProperty("state").GetString(), unreachable.GetProperty("reachable").GetBoolean()));
        Assert.False(unreachable.TryGetProperty("roundTripMs", out _));
        Assert.Contains("Unreachable", unreachable.GetProperty("problem").GetString(), StringComparison.Ordinal);
        // Unreachable is not draining: its users keep it as their home (homes never follow probes).
        Assert.Equal(0.2, unreachable.GetProperty("share").GetDouble());

        var slowUnit = UnitOf(board, "guangzhou");
        Assert.Equal(("degraded", true), (slowUnit.GetProperty("state").GetString(), slowUnit.GetProperty("reachable").GetBoolean()));
        Assert.InRange(slowUnit.GetProperty("roundTripMs").GetDouble(), 3_000, 10_000);

        var drained = UnitOf(board, "chengdu");
        Assert.Equal(("draining", true, 0.0), (drained.GetProperty("state").GetString(), drained.GetProperty("reachable").GetBoolean(), drained.GetProperty("share").GetDouble()));

        // A real probe each: one GET /api/health on each unit that was up.
        Assert.All([shenzhen, slow, draining], s => Assert.Equal(("GET", "/api/health", (string?)null), Assert.Single(s.Received)));
    }

    [Fact]
    public async Task A_unit_that_does_not_answer_within_the_probe_timeout_is_unreachable()
    {
        await using var hung = await UnitServer.StartAsync(healthDelay: TimeSpan.FromSeconds(10));
        await using var shanghai = await UnitServer.StartAsync(self =>
        {
            var settings = UnitSettings.Map("shanghai", UnitRoutingMode.Redirect, ("shanghai", self, UnitState.Healthy), ("shenzhen", hung.BaseUrl, UnitState.Healthy));
            settings["BackOfficeApi:Units:ProbeTimeout"] = "00:00:00.200";
            return settings;
        });

        var started = TimeProvider.System.GetTimestamp();
        var board = await BoardAsync(shanghai, UnitServer.ComplianceKey);

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
        var unit = UnitOf(board, "shenzhen");
        Assert.Equal(("degraded", false), (unit.GetProperty("state").GetString(), unit.GetProperty("reachable").GetBoolean()));
        Assert.Equal("No answer within 200 ms.", unit.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task Readers_within_the_cache_period_share_one_round_of_probes()
    {
        await using var shenzhen = await UnitServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(UnitSettings.Map("shanghai", UnitRoutingMode.Redirect,
            ("shanghai", shenzhen.BaseUrl, UnitState.Healthy), ("shenzhen", shenzhen.BaseUrl, UnitState.Healthy))).Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        await using var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock).AddBourseBackOfficeApi(configuration).BuildServiceProvider();
        var board = services.GetRequiredService<UnitHealthBoard>();

        var first = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => board.GetAsync()));
        clock.Advance(TimeSpan.FromSeconds(4));
        var cached = await board.GetAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await board.GetAsync();

        Assert.All(first, view => Assert.Same(first[0], view));
        Assert.Same(first[0], cached);
        Assert.NotSame(first[0], fresh);
        Assert.Equal(clock.GetUtcNow(), fresh.CheckedAt);
        // Two units at the same address: two probes a round, two rounds.
        Assert.Equal(4, shenzhen.Received.Count);
    }

    [Fact]
    public async Task Without_a_unit_map_the_board_is_empty_and_routing_is_off()
    {
        await using var single = await UnitServer.StartAsync();

        var board = await BoardAsync(single);

        Assert.Empty(board.GetProperty("units").EnumerateArray());
        Assert.False(board.TryGetProperty("self", out _));
        Assert.False(board.TryGetProperty("routing", out _));
        Assert.DoesNotContain(single.Received, r => r.Path == "/api/health");
    }

    [Fact]
    public async Task Traders_may_not_read_the_board()
    {
        await using var single = await UnitServer.StartAsync();
        using var trader = single.Client(UnitServer.TraderKey);

        var response = await trader.GetAsync(new Uri("/api/units", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
