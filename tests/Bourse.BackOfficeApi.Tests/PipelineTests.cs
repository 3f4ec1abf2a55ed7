using System.Net;
using System.Net.Http.Json;
using Bourse.BackOfficeApi.Hosting;
using Bourse.Orchestrations.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bourse.BackOfficeApi.Tests;

/// <summary>The ASP.NET Core pipeline of <see cref="BackOfficeApiEndpointRouteBuilderExtensions.MapBourseBackOfficeApi"/> on
/// the in-memory test server: API keys, roles per route, the per-client token bucket.</summary>
public sealed class PipelineTests : IAsyncLifetime
{
    private const string Order =
        """{"clientOrderId":"c-1","accountId":"1001","instrument":600519,"side":"buy","type":"limit","price":10.00,"quantity":100}""";

    private readonly FakeDurableClient _durable = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BackOfficeApi:ApiKeys:0:Key"] = "trader-key",
            ["BackOfficeApi:ApiKeys:0:ClientId"] = "trader",
            ["BackOfficeApi:ApiKeys:0:Roles:0"] = "trader",
            ["BackOfficeApi:ApiKeys:0:Accounts:0"] = "1001",
            ["BackOfficeApi:ApiKeys:1:Key"] = "ops-key",
            ["BackOfficeApi:ApiKeys:1:ClientId"] = "ops",
            ["BackOfficeApi:ApiKeys:1:Roles:0"] = "operations",
            ["BackOfficeApi:ApiKeys:2:Key"] = "compliance-key",
            ["BackOfficeApi:ApiKeys:2:ClientId"] = "compliance",
            ["BackOfficeApi:ApiKeys:2:Roles:0"] = "compliance",
            ["BackOfficeApi:ApiKeys:3:Key"] = "burst-key",
            ["BackOfficeApi:ApiKeys:3:ClientId"] = "burst",
            ["BackOfficeApi:ApiKeys:3:Roles:0"] = "compliance",
            ["BackOfficeApi:RateLimit:TokenLimit"] = "5",
            ["BackOfficeApi:RateLimit:TokensPerPeriod"] = "1",
            ["BackOfficeApi:RateLimit:ReplenishmentPeriod"] = "00:01:00",
            ["BackOfficeApi:ReconciliationInstrumentIds:0"] = "600519",
        });
        builder.Services.AddSingleton<IReferenceData>(new InMemoryReferenceData());
        builder.Services.AddSingleton<ILedgerReader>(new InMemoryLedgerReader());
        builder.Services.AddSingleton<IRiskDecisionStore>(new InMemoryRiskDecisions());
        builder.Services.AddSingleton(_durable.Client);
        builder.Services.AddBourseBackOfficeApiWithApiKeys(builder.Configuration);
        _app = builder.Build();
        _app.MapBourseBackOfficeApi();
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpClient Client(string? key)
    {
        var client = _app.GetTestClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Health_is_open_and_everything_else_needs_a_key()
    {
        using var anonymous = Client(null);

        var health = await anonymous.GetAsync(new Uri("/api/health", UriKind.Relative));
        var order = await anonymous.PostAsync(new Uri("/api/orders", UriKind.Relative), Json(Order));
        var account = await anonymous.GetAsync(new Uri("/api/accounts/1001", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy", (await health.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("status").GetString());
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (order.StatusCode, account.StatusCode));
        Assert.Equal("application/problem+json", order.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task A_wrong_key_is_refused()
    {
        using var client = Client("not-a-key");

        var response = await client.GetAsync(new Uri("/api/accounts/1001", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("trader-key", "POST", "/api/orders", HttpStatusCode.Accepted)]
    [InlineData("ops-key", "POST", "/api/orders", HttpStatusCode.Forbidden)]
    [InlineData("compliance-key", "POST", "/api/orders", HttpStatusCode.Forbidden)]
    [InlineData("trader-key", "GET", "/api/accounts/1001", HttpStatusCode.OK)]
    [InlineData("trader-key", "GET", "/api/accounts/1002", HttpStatusCode.Forbidden)]
    [InlineData("compliance-key", "GET", "/api/accounts/1001", HttpStatusCode.OK)]
    [InlineData("ops-key", "GET", "/api/accounts/1001", HttpStatusCode.OK)]
    [InlineData("trader-key", "POST", "/api/reconciliations", HttpStatusCode.Forbidden)]
    [InlineData("compliance-key", "POST", "/api/reconciliations", HttpStatusCode.Forbidden)]
    [InlineData("ops-key", "POST", "/api/reconciliations", HttpStatusCode.Accepted)]
    [InlineData("compliance-key", "POST", "/api/orders/ord-x/cancel", HttpStatusCode.Forbidden)]
    [InlineData("ops-key", "POST", "/api/orders/ord-x/cancel", HttpStatusCode.NotFound)]
    [InlineData("trader-key", "GET", "/api/orders/ord-x", HttpStatusCode.NotFound)]
    [InlineData("trader-key", "GET", "/api/reconciliations/r-x", HttpStatusCode.Forbidden)]
    [InlineData("trader-key", "GET", "/api/units", HttpStatusCode.Forbidden)]
    [InlineData("ops-key", "GET", "/api/units", HttpStatusCode.OK)]
    [InlineData("compliance-key", "GET", "/api/units", HttpStatusCode.OK)]
    public async Task Roles_restrict_the_routes(string key, string method, string path, HttpStatusCode expected)
    {
        using var client = Client(key);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = Json(path == "/api/orders" ? Order : "{}");
        }

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.Accepted ? 1 : 0, _durable.Scheduled.Count);
    }

    [Fact]
    public async Task A_client_over_its_bucket_gets_429_with_Retry_After_while_another_client_goes_on()
    {
        using var burst = Client("burst-key");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (int i = 0; i < 7; i++)
        {
            var response = await burst.GetAsync(new Uri("/api/accounts/1001", UriKind.Relative));
            statuses.Add(response.StatusCode);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : refused;
        }

        using var other = Client("compliance-key");
        var otherResponse = await other.GetAsync(new Uri("/api/accounts/1001", UriKind.Relative));
        var health = await burst.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(refused);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, otherResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Bad_input_through_the_pipeline_is_a_400_problem_naming_the_field()
    {
        using var client = Client("trader-key");

        var response = await client.PostAsync(new Uri("/api/orders", UriKind.Relative), Json(Order.Replace("\"quantity\":100", "\"quantity\":-100", StringComparison.Ordinal)));
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("quantity", out _));
        Assert.Empty(_durable.Scheduled);
    }
}
