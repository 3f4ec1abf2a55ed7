using Bourse.Domain.Ledger;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Posting = Bourse.Domain.Ledger.Posting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi.Tests;

public sealed class OrderQueriesTests
{
    private readonly InMemoryReferenceData _referenceData = new();
    private readonly InMemoryLedgerReader _ledger = new();
    private readonly FakeDurableClient _durable = new();

    private static readonly OrderToClearingInput Order = new()
    {
        OrderId = "ord-1", ClientOrderId = "c-1", AccountId = "1001", InstrumentId = 600519, Side = Bourse.Domain.Risk.OrderSide.Buy,
        LimitPrice = 10.00m, Quantity = 300,
    };

    private BackOfficeApiHandlers Handlers() => new(
        _referenceData, _ledger, new InMemoryRiskDecisions(), Options.Create(new BackOfficeApiOptions()), NullLogger<BackOfficeApiHandlers>.Instance);

    [Fact]
    public async Task An_order_shows_its_stage_terms_fills_and_postings()
    {
        _durable.Instances["ord-1"] = FakeDurableClient.Instance(OrderToClearingOrchestration.Name, "ord-1", Order, OrchestrationRuntimeStatus.Running,
            new OrderToClearingStatus(SagaStages.AwaitExecutions, 300, 100, 1, null, 1, []));
        _ledger.Entries["ord-1"] =
        [
            new("hold:ord-1", "Complete", DateTimeOffset.UnixEpoch,
                [new Posting("1001", "CNY", -3003m), new Posting("1001", "CNY", 3003m, LedgerBucket.Held, "ord-1")]),
            new("fill:600519:7:buy", "Complete", DateTimeOffset.UnixEpoch.AddSeconds(1),
            [
                new Posting("1001", "CNY", -1001m, LedgerBucket.Held, "ord-1"), new Posting(LedgerAccounts.CentralCounterparty, "CNY", 1000m),
                new Posting("sys:fees", "CNY", 1m), new Posting(LedgerAccounts.CentralCounterparty, "SEC:600519", -100m),
                new Posting("1001", "SEC:600519", 100m),
            ]),
        ];

        var response = await Http.ExecuteAsync(await Handlers().GetOrderAsync("ord-1", _durable.Client));

        Assert.Equal(200, response.Status);
        var json = response.Json;
        Assert.Equal(("Running", "AwaitExecutions"), (json.GetProperty("runtimeStatus").GetString(), json.GetProperty("stage").GetString()));
        Assert.Equal(100, json.GetProperty("progress").GetProperty("filledQuantity").GetInt64());
        Assert.Equal("buy", json.GetProperty("order").GetProperty("side").GetString());
        var fill = Assert.Single(json.GetProperty("fills").EnumerateArray());
        Assert.Equal((7L, 100L, 10.00m), (fill.GetProperty("tradeId").GetInt64(), fill.GetProperty("quantity").GetInt64(), fill.GetProperty("price").GetDecimal()));
        Assert.Equal(["hold:ord-1", "fill:600519:7:buy"], json.GetProperty("postings").EnumerateArray().Select(e => e.GetProperty("entryId").GetString()));
        Assert.Equal("held", json.GetProperty("postings")[0].GetProperty("postings")[1].GetProperty("bucket").GetString());
        Assert.False(json.TryGetProperty("compensation", out _));
    }

    [Fact]
    public async Task A_compensated_order_shows_its_outcome_and_compensation()
    {
        var result = new OrderToClearingResult
        {
            OrderId = "ord-1", Outcome = OrderOutcome.Failed, Stage = SagaStages.SubmitToEngine, OrderQuantity = 300, FilledQuantity = 0,
            FilledNotional = 0, Fees = 0, FillsCleared = 0, ReleasedHold = 3003m, Reasons = [new SagaReason("ENGINE_UNAVAILABLE", "down")],
            RiskFlags = [], Compensations = [new Compensation("ReleaseHold", true, "released 3003")], Generations = 1,
        };
        _durable.Instances["ord-1"] = FakeDurableClient.Instance(OrderToClearingOrchestration.Name, "ord-1", Order, OrchestrationRuntimeStatus.Completed,
            new OrderToClearingStatus(SagaStages.Completed, 300, 0, 0, "down", 1, ["ReleaseHold"]), result);

        var json = (await Http.ExecuteAsync(await Handlers().GetOrderAsync("ord-1", _durable.Client))).Json;

        Assert.Equal("failed", json.GetProperty("result").GetProperty("outcome").GetString());
        Assert.Equal(3003m, json.GetProperty("result").GetProperty("releasedHold").GetDecimal());
        Assert.Equal("ReleaseHold", Assert.Single(json.GetProperty("compensation").EnumerateArray()).GetProperty("step").GetString());
    }

    [Fact]
    public async Task An_unknown_order_or_another_orchestration_is_a_404_problem()
    {
        _durable.Instances["reconciliation-1"] = FakeDurableClient.Instance("Reconciliation", "reconciliation-1", null, OrchestrationRuntimeStatus.Running);

        var unknown = await Http.ExecuteAsync(await Handlers().GetOrderAsync("ord-none", _durable.Client));
        var other = await Http.ExecuteAsync(await Handlers().GetOrderAsync("reconciliation-1", _durable.Client));

        Assert.Equal((404, 404), (unknown.Status, other.Status));
        Assert.Equal("application/problem+json", unknown.ContentType);
    }

    [Fact]
    public async Task A_cancel_raises_CancelRequested_with_the_caller_and_reason()
    {
        _durable.Instances["ord-1"] = FakeDurableClient.Instance(OrderToClearingOrchestration.Name, "ord-1", Order, OrchestrationRuntimeStatus.Running);
        var request = Http.Request("""{"reason":"changed my mind"}""");
        request.HttpContext.User = new System.Security.Claims.ClaimsPrincipal(
            new System.Security.Claims.ClaimsIdentity(
                [
                    new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "trader-7"),
                    new System.Security.Claims.Claim(Security.BackOfficeAccess.AccountClaim, "*"),
                ],
                "test"));

        var response = await Http.ExecuteAsync(await Handlers().CancelOrderAsync("ord-1", request, _durable.Client), request);

        Assert.Equal(202, response.Status);
        Assert.Equal("/api/orders/ord-1", response.Headers.Location.ToString());
        var (id, name, payload) = Assert.Single(_durable.Raised);
        Assert.Equal(("ord-1", SagaEvents.CancelRequested), (id, name));
        Assert.Equal(new CancelRequest("trader-7", "changed my mind"), payload);
    }

    [Fact]
    public async Task A_cancel_of_an_ended_order_is_a_conflict_and_of_an_unknown_one_a_404()
    {
        _durable.Instances["ord-1"] = FakeDurableClient.Instance(OrderToClearingOrchestration.Name, "ord-1", Order, OrchestrationRuntimeStatus.Completed);

        var ended = await Http.ExecuteAsync(await Handlers().CancelOrderAsync("ord-1", Http.Request(null), _durable.Client));
        var unknown = await Http.ExecuteAsync(await Handlers().CancelOrderAsync("ord-2", Http.Request(null), _durable.Client));
        var badBody = await Http.ExecuteAsync(await Handlers().CancelOrderAsync("ord-1", Http.Request("""{"reason":5}"""), _durable.Client));

        Assert.Equal((409, 404, 400), (ended.Status, unknown.Status, badBody.Status));
        Assert.Equal(["reason"], badBody.ProblemFields);
        Assert.Empty(_durable.Raised);
    }

    [Fact]
    public async Task An_account_shows_cash_positions_and_holds()
    {
        _ledger.Accounts["1001"] = new AccountState("1001",
            new Dictionary<string, AssetBalance> { ["CNY"] = new(96997m, 3003m), ["SEC:600519"] = new(1000m, 0m) },
            new Dictionary<string, OrderHold> { ["ord-1"] = new("CNY", 3003m) });

        var response = await Http.ExecuteAsync(await Handlers().GetAccountAsync("1001"));

        Assert.Equal(200, response.Status);
        var json = response.Json;
        Assert.Equal("Active", json.GetProperty("status").GetString());
        var cash = Assert.Single(json.GetProperty("balances").EnumerateArray());
        Assert.Equal(("CNY", 96997m, 3003m, 100000m),
            (cash.GetProperty("currency").GetString(), cash.GetProperty("available").GetDecimal(), cash.GetProperty("held").GetDecimal(), cash.GetProperty("total").GetDecimal()));
        var position = Assert.Single(json.GetProperty("positions").EnumerateArray());
        Assert.Equal((600519, 1000m), (position.GetProperty("instrument").GetInt32(), position.GetProperty("available").GetDecimal()));
        var hold = Assert.Single(json.GetProperty("holds").EnumerateArray());
        Assert.Equal(("ord-1", 3003m), (hold.GetProperty("orderId").GetString(), hold.GetProperty("amount").GetDecimal()));
    }

    [Fact]
    public async Task An_unknown_account_is_a_404()
    {
        var response = await Http.ExecuteAsync(await Handlers().GetAccountAsync("9999"));

        Assert.Equal(404, response.Status);
    }
}
