using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bourse.BackOfficeApi.Units;
using Bourse.Orchestrations.OrderToClearing;
using static Bourse.BackOfficeApi.Tests.Units.UnitSettings;

namespace Bourse.BackOfficeApi.Tests.Units;

/// <summary>
/// <c>POST /api/orders</c> across units, on real servers (Kestrel on 127.0.0.1): an order of another unit's user is
/// redirected (307, method and body kept) or forwarded and its answer relayed, starts nothing where it arrived, and never
/// travels more than one hop. Units the test never contacts are given addresses that are not served.
/// </summary>
public sealed class UnitRoutingTests
{
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    private static readonly (string, double, UnitState)[] Two = [("shanghai", 1, UnitState.Healthy), ("shenzhen", 1, UnitState.Healthy)];

    private static string Order(string? userId, string clientOrderId = "c-1", string region = "SH") =>
        JsonSerializer.Serialize(new
        {
            clientOrderId,
            accountId = "1001",
            userId,
            regionCode = region,
            instrument = 600519,
            side = "buy",
            type = "limit",
            price = 10.00m,
            quantity = 100,
        });

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> PostOrderAsync(HttpClient client, string body) =>
        client.PostAsync(new Uri("/api/orders?source=test", UriKind.Relative), Json(body));

    [Fact]
    public async Task An_order_of_another_units_user_is_a_307_to_the_same_path_at_the_home_unit_and_starts_nothing_here()
    {
        var user = UserHomedAt(MapOf("shanghai", Two), "shenzhen");
        await using var shanghai = await UnitServer.StartAsync(UnitSettings.Map("shanghai", UnitRoutingMode.Redirect,
            ("shanghai", Nowhere, UnitState.Healthy), ("shenzhen", new Uri("https://gw.bourse.test/shenzhen/"), UnitState.Healthy)));
        using var client = shanghai.Client(UnitServer.TraderKey);

        var response = await PostOrderAsync(client, Order(user));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri("https://gw.bourse.test/shenzhen/api/orders?source=test"), response.Headers.Location);
        Assert.Equal("shenzhen", Assert.Single(response.Headers.GetValues(UnitHeaders.HomeUnit)));
        Assert.Equal("shenzhen", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("homeUnit").GetString());
        Assert.Empty(shanghai.Durable.Scheduled);
        // Routed before validation: the wrong unit spent no reference-data read on it.
        Assert.Equal(0, shanghai.ReferenceData.Reads);
    }

    [Fact]
    public async Task An_order_of_this_units_user_or_of_no_user_is_served_here()
    {
        var user = UserHomedAt(MapOf("shanghai", Two), "shanghai");
        await using var shanghai = await UnitServer.StartAsync(UnitSettings.Map("shanghai", UnitRoutingMode.Redirect,
            ("shanghai", Nowhere, UnitState.Healthy), ("shenzhen", Nowhere, UnitState.Healthy)));
        using var client = shanghai.Client(UnitServer.TraderKey);

        var mine = await PostOrderAsync(client, Order(user, "c-1"));
        var nobodys = await PostOrderAsync(client, Order(null, "c-2"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (mine.StatusCode, nobodys.StatusCode));
        Assert.Equal(2, shanghai.Durable.Scheduled.Count);
    }

    [Fact]
    public async Task A_client_that_follows_the_redirect_has_its_order_started_at_the_home_unit_with_the_same_body()
    {
        var user = UserHomedAt(MapOf("shanghai", Two), "shenzhen");
        var map = (string self) => UnitSettings.Map(self, UnitRoutingMode.Redirect, ("shanghai", Nowhere, UnitState.Healthy), ("shenzhen", Nowhere, UnitState.Healthy));
        await using var shenzhen = await UnitServer.StartAsync(map("shenzhen"));
        var toShenzhen = map("shanghai");
        toShenzhen["BackOfficeApi:Units:Map:1:BaseUrl"] = shenzhen.BaseUrl.AbsoluteUri;
        await using var shanghai = await UnitServer.StartAsync(toShenzhen);
        using var client = shanghai.Client(UnitServer.TraderKey, followRedirects: true);

        var response = await PostOrderAsync(client, Order(user));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(shenzhen.BaseUrl.Authority, response.RequestMessage!.RequestUri!.Authority);
        Assert.Empty(shanghai.Durable.Scheduled);
        var (name, id, input) = Assert.Single(shenzhen.Durable.Scheduled);
        Assert.Equal((OrderToClearingOrchestration.Name, OrderIds.Derive("1001", "c-1")), (name, id));
        Assert.Equal(user, Assert.IsType<OrderToClearingInput>(input).UserId);
        Assert.Equal([("POST", "/api/orders", (string?)null)], shenzhen.Received);
    }

    [Fact]
    public async Task In_forward_mode_the_home_unit_serves_the_order_and_its_answer_comes_back_through_this_unit()
    {
        var user = UserHomedAt(MapOf("shanghai", Two), "shenzhen");
        await using var shenzhen = await UnitServer.StartAsync(UnitSettings.Map("shenzhen", UnitRoutingMode.Forward,
            ("shanghai", Nowhere, UnitState.Healthy), ("shenzhen", Nowhere, UnitState.Healthy)));
        await using var shanghai = await UnitServer.StartAsync(UnitSettings.Map("shanghai", UnitRoutingMode.Forward,
            ("shanghai", Nowhere, UnitState.Healthy), ("shenzhen", shenzhen.BaseUrl, UnitState.Healthy)));
        using var client = shanghai.Client(UnitServer.TraderKey);

        var first = await PostOrderAsync(client, Order(user));
        var again = await PostOrderAsync(client, Order(user));
        var accepted = await first.Content.ReadFromJsonAsync<JsonElement>();

        var orderId = OrderIds.Derive("1001", "c-1");
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(orderId, accepted.GetProperty("orderId").GetString());
        // The order lives at the home unit: its Location says so, absolute.
        Assert.Equal(new Uri(shenzhen.BaseUrl, "/api/orders/" + orderId), first.Headers.Location);
        Assert.Equal("shenzhen", Assert.Single(first.Headers.GetValues(UnitHeaders.HomeUnit)));
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.Empty(shanghai.Durable.Scheduled);
        Assert.Equal(orderId, Assert.Single(shenzhen.Durable.Scheduled).InstanceId);
        // The caller's key went along (the home unit authenticated it) and so did the hop header.
        Assert.Equal([("POST", "/api/orders", "shanghai"), ("POST", "/api/orders", "shanghai")], shenzhen.Received);
    }

    [Fact]
    public async Task When_the_maps_disagree_a_forwarded_order_is_answered_508_after_one_hop_and_starts_nothing()
    {
        // Shanghai homes the user at Shenzhen; Shenzhen, whose map has itself draining, homes the user at Shanghai.
        var user = UserHomedAt(MapOf("shanghai", Two), "shenzhen");
        await using var shenzhen = await UnitServer.StartAsync(UnitSettings.Map("shenzhen", UnitRoutingMode.Forward,
            ("shanghai", Nowhere, UnitState.Healthy), ("shenzhen", Nowhere, UnitState.Draining)));
        await using var shanghai = await UnitServer.StartAsync(UnitSettings.Map("shanghai", UnitRoutingMode.Forward,
            ("shanghai", Nowhere, UnitState.Healthy), ("shenzhen", shenzhen.BaseUrl, UnitState.Healthy)));
        using var client = shanghai.Client(UnitServer.TraderKey);

        var response = await PostOrderAsync(client, Order(user));

        Assert.Equal(HttpStatusCode.LoopDetected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not routed again", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(shanghai.Durable.Scheduled);
        Assert.Empty(shenzhen.Durable.Scheduled);
        Assert.Single(shenzhen.Received);
        Assert.Single(shanghai.Received);
    }

    [Fact]
    public async Task A_forward_to_a_home_unit_that_is_down_is_a_502_and_starts_nothing()
    {
        var user = UserHomedAt(MapOf("shanghai", Two), "shenzhen");
        var down = new Uri($"http://127.0.0.1:{UnitServer.FreePort()}/");
        await using var shanghai = await UnitServer.StartAsync(UnitSettings.Map("shanghai", UnitRoutingMode.Forward,
            ("shanghai", Nowhere, UnitState.Healthy), ("shenzhen", down, UnitState.Healthy)));
        using var client = shanghai.Client(UnitServer.TraderKey);

        var response = await PostOrderAsync(client, Order(user));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("shenzhen", Assert.Single(response.Headers.GetValues(UnitHeaders.HomeUnit)));
        Assert.Empty(shanghai.Durable.Scheduled);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_where_it_arrives()
    {
        await using var shanghai = await UnitServer.StartAsync(UnitSettings.Map("shanghai", UnitRoutingMode.Redirect,
            ("shanghai", Nowhere, UnitState.Healthy), ("shenzhen", Nowhere, UnitState.Healthy)));
        using var client = shanghai.Client(UnitServer.TraderKey);

        var response = await PostOrderAsync(client, "{\"userId\":");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
