using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bourse.LocalHost.Tests.Support;

namespace Bourse.LocalHost.Tests;

/// <summary>
/// The back-office HTTP API end to end on the real local stack: HTTP → local host (the shared handlers) → saga →
/// engine host → executions hub → relay → settlement on the Cosmos ledger; bad input, API keys, roles and the rate limit
/// through the real pipeline. Keys are the local host's appsettings.json development keys.
/// </summary>
public sealed class BackOfficeApiTests(LocalBackOfficeFixture fixture) : IClassFixture<LocalBackOfficeFixture>
{
    private const int Instrument = 600036;
    private const string TraderKey = "local-trader-key";
    private const string OperationsKey = "local-operations-key";
    private const string ComplianceKey = "local-compliance-key";

    private HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = fixture.Stack.LocalHostAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    private static string OrderJson(string clientOrderId, string account, string side, decimal price, long quantity) => JsonSerializer.Serialize(new
    {
        clientOrderId, accountId = account, userId = "u" + account, regionCode = "SH", instrument = Instrument, side, type = "limit", price, quantity,
        timeInForce = "gtc",
    });

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement> WaitForOrderAsync(HttpClient client, string statusUrl, Func<JsonElement, bool> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var order = await ReadAsync(await client.GetAsync(new Uri(statusUrl, UriKind.Relative)));
            if (done(order) || waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                return order;
            }

            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task A_buy_and_a_sell_submitted_over_http_cross_settle_and_show_their_fills_postings_and_risk_decision()
    {
        using var trader = Client(TraderKey);
        var sellerBefore = await ReadAsync(await trader.GetAsync(new Uri("/api/accounts/1012", UriKind.Relative)));

        var sell = await trader.PostAsync(new Uri("/api/orders", UriKind.Relative), Json(OrderJson("api-sell-1", "1012", "sell", 41.00m, 200)));
        var buy = await trader.PostAsync(new Uri("/api/orders", UriKind.Relative), Json(OrderJson("api-buy-1", "1011", "buy", 41.00m, 200)));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (sell.StatusCode, buy.StatusCode));
        var buyUrl = buy.Headers.Location!.ToString();
        Assert.Equal($"/api/orders/{(await ReadAsync(buy)).GetProperty("orderId").GetString()}", buyUrl);
        var settledBuy = await WaitForOrderAsync(trader, buyUrl, o => o.GetProperty("runtimeStatus").GetString() == "Completed");
        var settledSell = await WaitForOrderAsync(trader, sell.Headers.Location!.ToString(), o => o.GetProperty("runtimeStatus").GetString() == "Completed");

        foreach (var order in new[] { settledBuy, settledSell })
        {
            Assert.Equal("Completed", order.GetProperty("stage").GetString());
            Assert.Equal("filled", order.GetProperty("result").GetProperty("outcome").GetString());
            var fill = Assert.Single(order.GetProperty("fills").EnumerateArray());
            Assert.Equal((200L, 41.00m, "Complete"),
                (fill.GetProperty("quantity").GetInt64(), fill.GetProperty("price").GetDecimal(), fill.GetProperty("status").GetString()));
            var entries = order.GetProperty("postings").EnumerateArray().Select(e => e.GetProperty("entryId").GetString()!).ToList();
            Assert.StartsWith("hold:", entries[0], StringComparison.Ordinal);
            Assert.StartsWith("fill:600036:", entries[1], StringComparison.Ordinal);
            Assert.Equal("pass", order.GetProperty("riskDecision").GetProperty("outcome").GetString(), ignoreCase: true);
        }

        // The same client order id again: the same order's status, no second saga.
        var again = await trader.PostAsync(new Uri("/api/orders", UriKind.Relative), Json(OrderJson("api-buy-1", "1011", "buy", 41.00m, 200)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var existing = await ReadAsync(again);
        Assert.Equal(settledBuy.GetProperty("orderId").GetString(), existing.GetProperty("orderId").GetString());
        Assert.Equal("Completed", existing.GetProperty("runtimeStatus").GetString());

        var sellerAfter = await ReadAsync(await trader.GetAsync(new Uri("/api/accounts/1012", UriKind.Relative)));
        static decimal Shares(JsonElement account) =>
            account.GetProperty("positions").EnumerateArray().Single(p => p.GetProperty("instrument").GetInt32() == Instrument).GetProperty("available").GetDecimal();
        Assert.Equal(-200m, Shares(sellerAfter) - Shares(sellerBefore));
        Assert.Empty(sellerAfter.GetProperty("holds").EnumerateArray());
    }

    [Fact]
    public async Task A_resting_order_cancelled_over_http_ends_cancelled_and_releases_its_hold()
    {
        using var trader = Client(TraderKey);
        var submitted = await trader.PostAsync(new Uri("/api/orders", UriKind.Relative), Json(OrderJson("api-rest-1", "1013", "buy", 39.00m, 100)));
        var url = submitted.Headers.Location!.ToString();
        await WaitForOrderAsync(trader, url, o => o.TryGetProperty("stage", out var s) && s.GetString() == "AwaitExecutions");

        var cancel = await trader.PostAsync(new Uri(url + "/cancel", UriKind.Relative), Json("""{"reason":"end to end"}"""));
        var ended = await WaitForOrderAsync(trader, url, o => o.GetProperty("runtimeStatus").GetString() == "Completed");
        var account = await ReadAsync(await trader.GetAsync(new Uri("/api/accounts/1013", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", ended.GetProperty("result").GetProperty("outcome").GetString());
        Assert.Contains(ended.GetProperty("postings").EnumerateArray(), e => e.GetProperty("entryId").GetString()!.StartsWith("release:", StringComparison.Ordinal));
        Assert.Empty(account.GetProperty("holds").EnumerateArray());
        var late = await trader.PostAsync(new Uri(url + "/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    public static TheoryData<string, string> BadOrders => new()
    {
        { "{\"clientOrderId\":", "body" },
        { OrderJson("api-bad-1", "1014", "buy", 41.00m, 100).Replace("\"quantity\":100", "\"quantity\":\"100\"", StringComparison.Ordinal), "quantity" },
        { OrderJson("api-bad-2", "1014", "buy", 41.00m, 0), "quantity" },
        { OrderJson("api-bad-3", "1014", "buy", 41.00m, -100), "quantity" },
        { OrderJson("api-bad-4", "1014", "buy", 41.00m, 150), "quantity" },
        { OrderJson("api-bad-5", "1014", "buy", 41.005m, 100), "price" },
        { OrderJson("api-bad-6", "1014", "buy", 41.00m, 100).Replace("600036", "999999", StringComparison.Ordinal), "instrument" },
        { OrderJson("api-bad-7", "4242", "buy", 41.00m, 100), "accountId" },
        { OrderJson("api-bad-8", "1014", "hold", 41.00m, 100), "side" },
        { OrderJson("api-bad-9", "1014", "buy", 41.00m, 100).Replace("\"userId\":\"u1014\"", "\"userId\":\"" + new string('u', 20_000) + "\"", StringComparison.Ordinal), "body" },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_starts_no_saga(string body, string field)
    {
        using var trader = Client(TraderKey);

        var response = await trader.PostAsync(new Uri("/api/orders", UriKind.Relative), Json(body));
        var problem = await ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
        var clientOrderId = System.Text.RegularExpressions.Regex.Match(body, "api-bad-[0-9]+").Value;
        if (clientOrderId.Length > 0)
        {
            Assert.Null(await fixture.Client.GetInstanceAsync(BackOfficeApi.OrderIds.Derive("1014", clientOrderId)));
            Assert.Null(await fixture.Client.GetInstanceAsync(BackOfficeApi.OrderIds.Derive("4242", clientOrderId)));
        }
    }

    [Fact]
    public async Task Keys_and_roles_guard_the_routes_and_operations_run_a_reconciliation()
    {
        using var anonymous = Client(null);
        using var wrongKey = Client("not-a-key");
        using var compliance = Client(ComplianceKey);
        using var operations = Client(OperationsKey);

        var health = await anonymous.GetAsync(new Uri("/api/health", UriKind.Relative));
        var noKey = await anonymous.GetAsync(new Uri("/api/accounts/1001", UriKind.Relative));
        var badKey = await wrongKey.GetAsync(new Uri("/api/accounts/1001", UriKind.Relative));
        var complianceOrder = await compliance.PostAsync(new Uri("/api/orders", UriKind.Relative), Json(OrderJson("api-role-1", "1015", "buy", 41.00m, 100)));
        var complianceAccount = await compliance.GetAsync(new Uri("/api/accounts/1015", UriKind.Relative));
        var reconciliation = await operations.PostAsync(new Uri("/api/reconciliations", UriKind.Relative), Json($$"""{"instrumentIds":[{{Instrument}}]}"""));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (noKey.StatusCode, badKey.StatusCode));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (complianceOrder.StatusCode, complianceAccount.StatusCode));
        Assert.Null(await fixture.Client.GetInstanceAsync(BackOfficeApi.OrderIds.Derive("1015", "api-role-1")));
        Assert.Equal(HttpStatusCode.Accepted, reconciliation.StatusCode);
        var statusUrl = reconciliation.Headers.Location!.ToString();
        var status = await WaitForOrderAsync(operations, statusUrl, r => r.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed");
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.True(status.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task A_trader_key_bound_to_one_account_cannot_trade_or_read_another()
    {
        using var bound = Client("local-trader-1001-key");

        var order = await bound.PostAsync(new Uri("/api/orders", UriKind.Relative), Json(OrderJson("api-bound-1", "1015", "buy", 41.00m, 100)));
        var account = await bound.GetAsync(new Uri("/api/accounts/1015", UriKind.Relative));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (order.StatusCode, account.StatusCode));
        Assert.Contains("Not an account of yours", await order.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await fixture.Client.GetInstanceAsync(BackOfficeApi.OrderIds.Derive("1015", "api-bound-1")));
    }

    [Fact]
    public async Task Only_compliance_files_a_report_and_a_day_without_flags_ends_with_nothing_to_report()
    {
        using var operations = Client(OperationsKey);
        using var compliance = Client(ComplianceKey);
        // A day long past: no order of this stack was judged on it.
        const string Body = """{"reportDate":"2001-01-02","jurisdiction":"US-FINCEN","reportType":"SAR","submit":false}""";

        var refused = await operations.PostAsync(new Uri("/api/reports", UriKind.Relative), Json(Body));
        var started = await compliance.PostAsync(new Uri("/api/reports", UriKind.Relative), Json(Body));
        var again = await compliance.PostAsync(new Uri("/api/reports", UriKind.Relative), Json(Body));
        var bad = await compliance.PostAsync(new Uri("/api/reports", UriKind.Relative), Json("""{"reportDate":"2001-01-02","jurisdiction":"US-FINCEN","reportType":"XYZ"}"""));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Accepted, HttpStatusCode.OK), (refused.StatusCode, started.StatusCode, again.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("reportType", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var status = await WaitForOrderAsync(operations, started.Headers.Location!.ToString(), r => r.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed");
        Assert.Equal(("Completed", "NothingToReport"), (status.GetProperty("runtimeStatus").GetString(), status.GetProperty("stage").GetString()));
    }

    [Fact]
    public async Task A_burst_over_the_clients_bucket_gets_429_with_Retry_After()
    {
        using var compliance = Client(ComplianceKey);

        var responses = await Task.WhenAll(Enumerable.Range(0, 120).Select(_ => compliance.GetAsync(new Uri("/api/accounts/1016", UriKind.Relative))));
        // Let the bucket fill again for whatever runs next in this class.
        await Task.Delay(TimeSpan.FromSeconds(3));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.InRange(responses.Count(r => r.StatusCode == HttpStatusCode.OK), 50, 119);
        Assert.All(refused, r => Assert.True(int.Parse(r.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1));
    }

    [Fact]
    public async Task Twelve_identical_submissions_at_once_start_one_saga_and_the_others_answer_with_it()
    {
        using var trader = Client(TraderKey);
        var body = OrderJson("api-burst-1", "1015", "buy", 40.00m, 100);

        async Task<HttpResponseMessage> PostAsync()
        {
            while (true)
            {
                // Another test of this class may have emptied the trader's token bucket: wait as told.
                var response = await trader.PostAsync(new Uri("/api/orders", UriKind.Relative), Json(body));
                if (response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    return response;
                }

                await Task.Delay(TimeSpan.FromSeconds(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PostAsync()));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var response in responses)
        {
            ids.Add((await ReadAsync(response)).GetProperty("orderId").GetString()!);
        }

        var orderId = Assert.Single(ids);
        var instance = await fixture.Client.GetInstanceAsync(orderId);
        Assert.NotNull(instance);
        using var operations = Client(OperationsKey);
        Assert.Equal(HttpStatusCode.Accepted, (await operations.PostAsync(new Uri($"/api/orders/{orderId}/cancel", UriKind.Relative), Json("{}"))).StatusCode);
        var done = await fixture.Client.WaitForInstanceCompletionAsync(orderId, getInputsAndOutputs: true, new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        Assert.Equal(Bourse.Orchestrations.OrderToClearing.OrderOutcome.Cancelled, done.ReadOutputAs<Bourse.Orchestrations.OrderToClearing.OrderToClearingResult>()!.Outcome);
    }
}
