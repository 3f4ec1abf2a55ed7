using System.Text;
using System.Text.Json;
using Bourse.BackOfficeApi;
using Bourse.BackOfficeApi.RateLimiting;
using Bourse.BackOfficeApi.Security;
using Bourse.BackOfficeApi.Tests;
using Bourse.BackOfficeApi.Units;
using TestHttp = Bourse.BackOfficeApi.Tests.Http;
using Bourse.Functions.Http;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Reconciliation;
using Bourse.Orchestrations.RegulatoryReports;
using Bourse.Domain.Reporting.FinCen;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bourse.Functions.Tests;

/// <summary>Each HTTP function called directly, as the worker would, with a recording Durable Task client (Moq).</summary>
public sealed class HttpFunctionsTests
{
    private const string Order =
        """{"clientOrderId":"c-1","accountId":"1001","instrument":600519,"side":"sell","type":"limit","price":12.34,"quantity":100}""";

    private readonly FakeDurableClient _durable = new();
    private readonly InMemoryLedgerReader _ledger = new();

    private BackOfficeHttpFunctions Functions(int tokenLimit = 100, UnitRouter? unitRouter = null)
    {
        var options = new BackOfficeApiOptions();
        options.ReconciliationInstrumentIds.Add(600519);
        var handlers = new BackOfficeApiHandlers(new InMemoryReferenceData(), _ledger, new InMemoryRiskDecisions(), Options.Create(options),
            NullLogger<BackOfficeApiHandlers>.Instance, unitRouter);
        var limits = new BackOfficeRateLimitOptions { TokenLimit = tokenLimit, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) };
        var reports = new RegulatoryReportHandlers(
            new RegulatoryReportFormatCatalog([new FinCenSarFormat(), new FinCenCtrFormat()]), Options.Create(new RegulatoryReportingOptions()),
            Options.Create(options), TimeProvider.System, NullLogger<RegulatoryReportHandlers>.Instance);
        return new BackOfficeHttpFunctions(handlers, reports, new BackOfficeGate(BackOfficeRateLimiter.Create(limits), Options.Create(limits)));
    }

    /// <summary>A request as App Service Authentication passes it on: the Entra ID principal in X-MS-CLIENT-PRINCIPAL.</summary>
    private static HttpRequest Request(string? body, string? user, params string[] roles) => RequestFor(body, user, "1001", roles);

    /// <summary>A request of <paramref name="user"/>, whose Entra ID token also names the accounts it acts for.</summary>
    private static HttpRequest RequestFor(string? body, string? user, string accounts, params string[] roles)
    {
        var request = TestHttp.Request(body);
        if (user is not null)
        {
            var principal = new
            {
                auth_typ = "aad",
                name_typ = "name",
                role_typ = "roles",
                claims = new[] { new { typ = "name", val = user }, new { typ = BackOfficeAccess.AccountClaim, val = accounts } }
                    .Concat(roles.Select(r => new { typ = "roles", val = r })),
            };
            request.Headers[EasyAuthPrincipal.HeaderName] = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(principal)));
        }

        return request;
    }

    [Fact]
    public async Task SubmitOrder_for_an_account_the_traders_token_does_not_name_is_403()
    {
        var request = RequestFor(Order, "bob", "1002, 1003", BackOfficeRoles.Trader);

        var response = await TestHttp.ExecuteAsync(await Functions().SubmitOrderAsync(request, _durable.Client, default), request);

        Assert.Equal(403, response.Status);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task SubmitOrder_starts_the_saga_for_a_trader()
    {
        var request = Request(Order, "alice", BackOfficeRoles.Trader);

        var response = await TestHttp.ExecuteAsync(await Functions().SubmitOrderAsync(request, _durable.Client, default), request);

        Assert.Equal(202, response.Status);
        var (name, id, _) = Assert.Single(_durable.Scheduled);
        Assert.Equal((OrderToClearingOrchestration.Name, OrderIds.Derive("1001", "c-1")), (name, id));
        Assert.Equal("alice", request.HttpContext.User.Identity!.Name);
    }

    [Fact]
    public async Task SubmitOrder_without_a_principal_is_401_and_with_another_role_403_and_neither_starts_anything()
    {
        var anonymous = Request(Order, null);
        var compliance = Request(Order, "carol", BackOfficeRoles.Compliance);
        var forged = TestHttp.Request(Order);
        forged.Headers[EasyAuthPrincipal.HeaderName] = "not base64!";

        var unauthenticated = await TestHttp.ExecuteAsync(await Functions().SubmitOrderAsync(anonymous, _durable.Client, default), anonymous);
        var forbidden = await TestHttp.ExecuteAsync(await Functions().SubmitOrderAsync(compliance, _durable.Client, default), compliance);
        var garbled = await TestHttp.ExecuteAsync(await Functions().SubmitOrderAsync(forged, _durable.Client, default), forged);

        Assert.Equal((401, 403, 401), (unauthenticated.Status, forbidden.Status, garbled.Status));
        Assert.Equal("application/problem+json", forbidden.ContentType);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task SubmitOrder_with_bad_input_is_a_400_naming_the_field()
    {
        var request = Request(Order.Replace("\"quantity\":100", "\"quantity\":0", StringComparison.Ordinal), "alice", BackOfficeRoles.Trader);

        var response = await TestHttp.ExecuteAsync(await Functions().SubmitOrderAsync(request, _durable.Client, default), request);

        Assert.Equal(400, response.Status);
        Assert.Equal(["quantity"], response.ProblemFields);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task GetOrder_and_CancelOrder_reach_the_saga()
    {
        var input = new OrderToClearingInput
        {
            OrderId = "ord-1", ClientOrderId = "c-1", AccountId = "1001", InstrumentId = 600519, Side = Bourse.Domain.Risk.OrderSide.Sell,
            LimitPrice = 12.34m, Quantity = 100,
        };
        _durable.Instances["ord-1"] = FakeDurableClient.Instance(OrderToClearingOrchestration.Name, "ord-1", input, OrchestrationRuntimeStatus.Running,
            new OrderToClearingStatus(SagaStages.AwaitExecutions, 100, 0, 0, null, 1, []));
        var get = Request(null, "carol", BackOfficeRoles.Compliance);
        var cancel = Request("""{"reason":"test"}""", "olga", BackOfficeRoles.Operations);
        var cancelByCompliance = Request(null, "carol", BackOfficeRoles.Compliance);

        var order = await TestHttp.ExecuteAsync(await Functions().GetOrderAsync(get, "ord-1", _durable.Client, default), get);
        var cancelled = await TestHttp.ExecuteAsync(await Functions().CancelOrderAsync(cancel, "ord-1", _durable.Client, default), cancel);
        var refused = await TestHttp.ExecuteAsync(await Functions().CancelOrderAsync(cancelByCompliance, "ord-1", _durable.Client, default), cancelByCompliance);

        Assert.Equal("AwaitExecutions", order.Json.GetProperty("stage").GetString());
        Assert.Equal((202, 403), (cancelled.Status, refused.Status));
        var raised = Assert.Single(_durable.Raised);
        Assert.Equal(new CancelRequest("olga", "test"), raised.Payload);
    }

    [Fact]
    public async Task GetAccount_answers_the_ledgers_balances()
    {
        _ledger.Accounts["1001"] = new Bourse.Domain.Ledger.AccountState("1001",
            new Dictionary<string, Bourse.Domain.Ledger.AssetBalance> { ["CNY"] = new(500m, 0m) });
        var request = Request(null, "alice", BackOfficeRoles.Trader);

        var response = await TestHttp.ExecuteAsync(await Functions().GetAccountAsync(request, "1001", default), request);

        Assert.Equal(200, response.Status);
        Assert.Equal(500m, response.Json.GetProperty("balances")[0].GetProperty("available").GetDecimal());
    }

    [Fact]
    public async Task StartReconciliation_is_for_operations_and_GetReconciliation_shows_it()
    {
        var trader = Request("{}", "alice", BackOfficeRoles.Trader);
        var operations = Request("{}", "olga", BackOfficeRoles.Operations);

        var refused = await TestHttp.ExecuteAsync(await Functions().StartReconciliationAsync(trader, _durable.Client, default), trader);
        var started = await TestHttp.ExecuteAsync(await Functions().StartReconciliationAsync(operations, _durable.Client, default), operations);
        var id = started.Json.GetProperty("instanceId").GetString()!;
        var read = Request(null, "olga", BackOfficeRoles.Operations);
        var status = await TestHttp.ExecuteAsync(await Functions().GetReconciliationAsync(read, id, _durable.Client, default), read);

        Assert.Equal((403, 202), (refused.Status, started.Status));
        Assert.Equal(ReconciliationOrchestration.Name, Assert.Single(_durable.Scheduled).Name);
        Assert.Equal(("Pending", id), (status.Json.GetProperty("runtimeStatus").GetString(), status.Json.GetProperty("instanceId").GetString()));
    }

    [Fact]
    public async Task StartReport_is_for_compliance_and_GetReport_shows_it_to_compliance_and_operations()
    {
        const string Body = """{"reportDate":"2026-01-05","jurisdiction":"US-FINCEN","reportType":"SAR"}""";
        var operations = Request(Body, "olga", BackOfficeRoles.Operations);
        var compliance = Request(Body, "carla", BackOfficeRoles.Compliance);

        var refused = await TestHttp.ExecuteAsync(await Functions().StartReportAsync(operations, _durable.Client, default), operations);
        var started = await TestHttp.ExecuteAsync(await Functions().StartReportAsync(compliance, _durable.Client, default), compliance);
        var id = started.Json.GetProperty("reportId").GetString()!;
        var byOperations = Request(null, "olga", BackOfficeRoles.Operations);
        var byTrader = Request(null, "alice", BackOfficeRoles.Trader);
        var status = await TestHttp.ExecuteAsync(await Functions().GetReportAsync(byOperations, id, _durable.Client, default), byOperations);
        var hidden = await TestHttp.ExecuteAsync(await Functions().GetReportAsync(byTrader, id, _durable.Client, default), byTrader);

        Assert.Equal((403, 202, 200, 403), (refused.Status, started.Status, status.Status, hidden.Status));
        Assert.Equal(Bourse.Orchestrations.RegulatoryReports.RegulatoryReportOrchestration.Name, Assert.Single(_durable.Scheduled).Name);
        Assert.Equal(("report-us-fincen-sar-2026-01-05-r0", "Pending"), (id, status.Json.GetProperty("runtimeStatus").GetString()));
    }

    [Fact]
    public async Task SubmitOrder_of_another_units_user_is_redirected_there_by_the_shared_handler()
    {
        var units = new UnitMapOptions { Self = "shanghai" };
        units.Map.Add(new UnitOptions { Name = "shanghai", BaseUrl = new Uri("https://sh.bourse.test/") });
        units.Map.Add(new UnitOptions { Name = "shenzhen", BaseUrl = new Uri("https://sz.bourse.test/") });
        var map = new UnitMap(units);
        using var httpClients = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var router = new UnitRouter(map, Options.Create(units), httpClients.GetRequiredService<IHttpClientFactory>(), TimeProvider.System,
            NullLogger<UnitRouter>.Instance);
        var user = Enumerable.Range(0, 100).Select(i => "user-" + i).First(u => map.HomeOf("SZ", u).Name == "shenzhen");
        var request = Request(Order.Replace("\"accountId\"", $"\"userId\":\"{user}\",\"regionCode\":\"SZ\",\"accountId\"", StringComparison.Ordinal),
            "alice", BackOfficeRoles.Trader);
        request.Path = "/api/orders";

        var response = await TestHttp.ExecuteAsync(await Functions(unitRouter: router).SubmitOrderAsync(request, _durable.Client, default), request);

        Assert.Equal(307, response.Status);
        Assert.Equal("https://sz.bourse.test/api/orders", response.Headers.Location.ToString());
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task GetUnits_is_for_operations_and_compliance()
    {
        var compliance = Request(null, "carol", BackOfficeRoles.Compliance);
        var trader = Request(null, "alice", BackOfficeRoles.Trader);

        var board = await TestHttp.ExecuteAsync(await Functions().GetUnitsAsync(compliance, default), compliance);
        var refused = await TestHttp.ExecuteAsync(await Functions().GetUnitsAsync(trader, default), trader);

        Assert.Equal((200, 403), (board.Status, refused.Status));
        Assert.Empty(board.Json.GetProperty("units").EnumerateArray());
    }

    [Fact]
    public async Task Health_needs_nothing()
    {
        var response = await TestHttp.ExecuteAsync(BackOfficeHttpFunctions.Health(TestHttp.Request(null)));

        Assert.Equal((200, "healthy"), (response.Status, response.Json.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_caller_over_its_bucket_gets_429_with_Retry_After()
    {
        var functions = Functions(tokenLimit: 2);
        var statuses = new List<int>();
        TestHttp.Response? last = null;
        for (int i = 0; i < 3; i++)
        {
            var request = Request(null, "alice", BackOfficeRoles.Trader);
            last = await TestHttp.ExecuteAsync(await functions.GetAccountAsync(request, "1001", default), request);
            statuses.Add(last.Status);
        }

        Assert.Equal([200, 200, 429], statuses);
        Assert.InRange(int.Parse(last!.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }
}
