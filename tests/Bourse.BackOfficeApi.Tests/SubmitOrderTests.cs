using Bourse.Orchestrations.OrderToClearing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Bourse.BackOfficeApi.Tests;

public sealed class SubmitOrderTests
{
    private const string Valid =
        """{"clientOrderId":"c-1","accountId":"1001","userId":"u-1","regionCode":"SH","instrument":600519,"side":"buy","type":"limit","price":1500.25,"quantity":200,"timeInForce":"gtc"}""";

    private readonly InMemoryReferenceData _referenceData = new();
    private readonly FakeDurableClient _durable = new();

    private readonly InMemoryStartClaims _claims = new();

    private BackOfficeApiHandlers Handlers(int maxBodyBytes = 16 * 1024) => new(
        _referenceData, new InMemoryLedgerReader(), new InMemoryRiskDecisions(), Options.Create(new BackOfficeApiOptions { MaxBodyBytes = maxBodyBytes }),
        NullLogger<BackOfficeApiHandlers>.Instance, startClaims: _claims);

    private async Task<Http.Response> SubmitAsync(string? body, string contentType = "application/json", int maxBodyBytes = 16 * 1024)
    {
        var request = Http.Request(body, contentType);
        return await Http.ExecuteAsync(await Handlers(maxBodyBytes).SubmitOrderAsync(request, _durable.Client), request);
    }

    [Fact]
    public async Task A_valid_order_starts_one_saga_under_the_derived_id_and_answers_202_with_its_status_url()
    {
        var response = await SubmitAsync(Valid);

        var orderId = OrderIds.Derive("1001", "c-1");
        Assert.Equal(202, response.Status);
        Assert.Equal($"/api/orders/{orderId}", response.Headers.Location.ToString());
        Assert.Equal(orderId, response.Json.GetProperty("orderId").GetString());
        Assert.Equal($"/api/orders/{orderId}", response.Json.GetProperty("statusUrl").GetString());
        var (name, instanceId, input) = Assert.Single(_durable.Scheduled);
        Assert.Equal(OrderToClearingOrchestration.Name, name);
        Assert.Equal(orderId, instanceId);
        var saga = Assert.IsType<OrderToClearingInput>(input);
        Assert.Equal(("c-1", "1001", "u-1", 600519, 1500.25m, 200L), (saga.ClientOrderId, saga.AccountId, saga.UserId, saga.InstrumentId, saga.LimitPrice, saga.Quantity));
        Assert.Equal(Bourse.Domain.Risk.OrderSide.Buy, saga.Side);
        Assert.Equal(Bourse.Orchestrations.TimeInForce.Gtc, saga.TimeInForce);
    }

    [Fact]
    public async Task The_same_client_order_id_again_answers_the_existing_orders_status_and_starts_nothing()
    {
        await SubmitAsync(Valid);
        var again = await SubmitAsync(Valid);

        Assert.Equal(200, again.Status);
        Assert.Single(_durable.Scheduled);
        Assert.Equal(OrderIds.Derive("1001", "c-1"), again.Json.GetProperty("orderId").GetString());
        Assert.Equal("Pending", again.Json.GetProperty("runtimeStatus").GetString());
        Assert.Equal(200, again.Json.GetProperty("order").GetProperty("quantity").GetInt64());
    }

    [Fact]
    public async Task The_same_client_order_id_with_other_terms_is_a_conflict_and_starts_nothing()
    {
        await SubmitAsync(Valid);
        var other = await SubmitAsync(Valid.Replace("\"quantity\":200", "\"quantity\":300", StringComparison.Ordinal));

        Assert.Equal(409, other.Status);
        Assert.Equal("application/problem+json", other.ContentType);
        Assert.Contains("clientOrderId", other.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(_durable.Scheduled);
    }

    [Fact]
    public async Task A_race_lost_at_the_backend_answers_the_winners_saga()
    {
        // The backend refuses a second instance with the same id after this request found none.
        var orderId = OrderIds.Derive("1001", "c-1");
        _durable.Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<Microsoft.DurableTask.TaskName>(), It.IsAny<object?>(), It.IsAny<Microsoft.DurableTask.StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((Microsoft.DurableTask.TaskName name, object? input, Microsoft.DurableTask.StartOrchestrationOptions? _, CancellationToken _) =>
                _durable.Instances[orderId] = FakeDurableClient.Instance(name.Name, orderId, input, OrchestrationRuntimeStatus.Running))
            .ThrowsAsync(new InvalidOperationException("An instance with this id already exists."));

        var response = await SubmitAsync(Valid);

        Assert.Equal(200, response.Status);
        Assert.Equal("Running", response.Json.GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task A_request_that_loses_the_claim_answers_with_the_saga_its_winner_starts()
    {
        // An identical request claimed the order a moment ago and starts its saga 300 ms later.
        var orderId = OrderIds.Derive("1001", "c-1");
        _claims.Claimed[orderId] = TimeProvider.System.GetUtcNow();
        var winner = Task.Run(async () =>
        {
            await Task.Delay(300);
            _durable.Instances[orderId] = FakeDurableClient.Instance(OrderToClearingOrchestration.Name, orderId, null, OrchestrationRuntimeStatus.Running);
        });

        var response = await SubmitAsync(Valid);
        await winner;

        Assert.Equal(200, response.Status);
        Assert.Equal("Running", response.Json.GetProperty("runtimeStatus").GetString());
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task A_request_that_loses_a_fresh_claim_and_sees_no_saga_answers_202_and_starts_nothing()
    {
        // The winner is still starting the saga after the 5 s wait (a loaded backend): never start a second one.
        var orderId = OrderIds.Derive("1001", "c-1");
        _claims.Claimed[orderId] = TimeProvider.System.GetUtcNow();

        var response = await SubmitAsync(Valid);

        Assert.Equal(202, response.Status);
        Assert.Equal($"/api/orders/{orderId}", response.Headers.Location.ToString());
        Assert.Empty(_durable.Scheduled);
        Assert.Equal(0, _claims.TakeOvers);
    }

    [Fact]
    public async Task A_claim_whose_holder_never_started_the_saga_is_taken_over_after_a_minute_and_started_once()
    {
        // The holder died between its claim and its start, 2 minutes ago.
        var orderId = OrderIds.Derive("1001", "c-1");
        _claims.Claimed[orderId] = TimeProvider.System.GetUtcNow().AddMinutes(-2);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SubmitAsync(Valid))));

        Assert.All(responses, r => Assert.True(r.Status is 202 or 200, r.Body));
        Assert.Equal(orderId, Assert.Single(_durable.Scheduled).InstanceId);
        Assert.Equal(1, _claims.TakeOvers);
    }

    [Fact]
    public async Task A_holder_whose_start_outlasts_the_takeover_age_keeps_its_claim_by_renewing_it_and_starts_the_saga_once()
    {
        // Under load a live holder's start can take longer than the takeover age: its renewals must keep the duplicate
        // that arrives meanwhile from starting the saga a second time. Short timings stand for 60 s, 15 s and 5 s.
        var timings = new SingleStart.Timings(TakeoverAge: TimeSpan.FromMilliseconds(400), RenewEvery: TimeSpan.FromMilliseconds(100), WinnerWait: TimeSpan.FromMilliseconds(100));
        var backendSlow = new TaskCompletionSource();
        var starts = 0;
        _durable.Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Returns(async (TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                Interlocked.Increment(ref starts);
                await backendSlow.Task;
                _durable.Instances[options!.InstanceId!] = FakeDurableClient.Instance(name.Name, options.InstanceId!, input, OrchestrationRuntimeStatus.Pending);
                return options.InstanceId!;
            });
        using var holderGivesUp = new CancellationTokenSource();

        var holder = SingleStart.StartAsync(_durable.Client, _claims, OrderToClearingOrchestration.Name, "input", "ord-1", timings, holderGivesUp.Token);
        await Task.Delay(50);
        holderGivesUp.Cancel(); // its caller went away: the claimed start goes on all the same
        await Task.Delay(1_000); // 2.5 takeover ages into the start
        var duplicate = await SingleStart.StartAsync(_durable.Client, _claims, OrderToClearingOrchestration.Name, "input", "ord-1", timings, CancellationToken.None);
        backendSlow.SetResult();
        var held = await holder;

        Assert.Equal(SingleStartOutcome.BeingStarted, duplicate.Outcome);
        Assert.Equal(SingleStartOutcome.Started, held.Outcome);
        Assert.Equal(1, starts);
        Assert.Equal(0, _claims.TakeOvers);
        Assert.InRange(_claims.Renewals, 3, int.MaxValue);
        int renewalsWhenDone = _claims.Renewals;
        await Task.Delay(300);
        Assert.Equal(renewalsWhenDone, _claims.Renewals); // the renewals stop with the start
    }

    [Fact]
    public async Task Sixteen_identical_submissions_at_once_start_one_saga()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => SubmitAsync(Valid))));

        Assert.Single(responses, r => r.Status == 202);
        Assert.Equal(15, responses.Count(r => r.Status == 200));
        Assert.Single(_durable.Scheduled);
    }

    public static TheoryData<string, string> BadOrders => new()
    {
        { "{\"clientOrderId\":\"c-1\",", "body" },
        { "{\"clientOrderId\":", "body" },
        { Valid + "x", "body" },
        { "not json", "body" },
        { "[1,2]", "body" },
        { "null", "body" },
        { Valid.Replace("\"quantity\":200", "\"quantity\":\"200\"", StringComparison.Ordinal), "quantity" },
        { Valid.Replace("\"quantity\":200", "\"quantity\":2.5", StringComparison.Ordinal), "quantity" },
        { Valid.Replace("\"price\":1500.25", "\"price\":\"cheap\"", StringComparison.Ordinal), "price" },
        { Valid.Replace("\"instrument\":600519", "\"instrument\":\"600519\"", StringComparison.Ordinal), "instrument" },
        { Valid.Replace("\"side\":\"buy\"", "\"side\":\"hold\"", StringComparison.Ordinal), "side" },
        { Valid.Replace("\"side\":\"buy\"", "\"side\":0", StringComparison.Ordinal), "side" },
        { Valid.Replace("\"timeInForce\":\"gtc\"", "\"timeInForce\":\"forever\"", StringComparison.Ordinal), "timeInForce" },
        { Valid.Replace("\"quantity\":200", "\"quantity\":0", StringComparison.Ordinal), "quantity" },
        { Valid.Replace("\"quantity\":200", "\"quantity\":-100", StringComparison.Ordinal), "quantity" },
        { Valid.Replace("\"quantity\":200", "\"quantity\":150", StringComparison.Ordinal), "quantity" },
        { Valid.Replace("\"price\":1500.25", "\"price\":0", StringComparison.Ordinal), "price" },
        { Valid.Replace("\"price\":1500.25", "\"price\":-1", StringComparison.Ordinal), "price" },
        { Valid.Replace("\"price\":1500.25", "\"price\":1500.255", StringComparison.Ordinal), "price" },
        { Valid.Replace("\"instrument\":600519", "\"instrument\":999999", StringComparison.Ordinal), "instrument" },
        { Valid.Replace("\"instrument\":600519", "\"instrument\":-5", StringComparison.Ordinal), "instrument" },
        { Valid.Replace("\"accountId\":\"1001\"", "\"accountId\":\"9999\"", StringComparison.Ordinal), "accountId" },
        { Valid.Replace("\"accountId\":\"1001\",", "", StringComparison.Ordinal), "accountId" },
        { Valid.Replace("\"clientOrderId\":\"c-1\",", "", StringComparison.Ordinal), "clientOrderId" },
        { Valid.Replace("\"clientOrderId\":\"c-1\"", "\"clientOrderId\":\"" + new string('x', 49) + "\"", StringComparison.Ordinal), "clientOrderId" },
        { Valid.Replace("\"clientOrderId\":\"c-1\"", "\"clientOrderId\":\"a/b\"", StringComparison.Ordinal), "clientOrderId" },
        { Valid.Replace("\"clientOrderId\":\"c-1\"", "\"clientOrderId\":\"  \"", StringComparison.Ordinal), "clientOrderId" },
        { Valid.Replace("\"side\":\"buy\",", "", StringComparison.Ordinal), "side" },
        { Valid.Replace("\"price\":1500.25,", "", StringComparison.Ordinal), "price" },
        { Valid.Replace("\"quantity\":200,", "", StringComparison.Ordinal), "quantity" },
        { Valid.Replace("\"instrument\":600519,", "", StringComparison.Ordinal), "instrument" },
        { Valid.Replace("\"type\":\"limit\"", "\"type\":\"market\"", StringComparison.Ordinal), "price" },
        { Valid.Replace("\"type\":\"limit\"", "\"type\":\"market\"", StringComparison.Ordinal).Replace("\"price\":1500.25,", "", StringComparison.Ordinal), "timeInForce" },
        { Valid.Replace("\"type\":\"limit\"", "\"type\":\"stop\"", StringComparison.Ordinal), "type" },
        { Valid.Replace("\"timeInForce\":\"gtc\"", "\"timeInForce\":\"gtd\"", StringComparison.Ordinal), "expiresAt" },
        { Valid.Replace("\"quantity\":200", "\"quantiy\":200", StringComparison.Ordinal), "quantiy" },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_starts_nothing(string body, string field)
    {
        var response = await SubmitAsync(body);

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(400, response.Json.GetProperty("status").GetInt32());
        Assert.Contains(field, response.ProblemFields);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task A_market_order_has_no_price_is_immediate_or_cancel_and_starts_its_saga_as_a_market_order()
    {
        var response = await SubmitAsync(
            """{"clientOrderId":"m-1","accountId":"1001","instrument":600519,"side":"buy","type":"market","quantity":200}""");

        Assert.Equal(202, response.Status);
        var input = Assert.IsType<OrderToClearingInput>(Assert.Single(_durable.Scheduled).Input);
        Assert.Equal((OrderKind.Market, 0m, Bourse.Orchestrations.TimeInForce.Ioc, 200L), (input.Kind, input.LimitPrice, input.TimeInForce, input.Quantity));
    }

    [Fact]
    public async Task The_same_client_order_id_as_a_market_order_after_a_limit_order_is_a_conflict()
    {
        await SubmitAsync(Valid);
        var response = await SubmitAsync(Valid.Replace("\"type\":\"limit\"", "\"type\":\"market\"", StringComparison.Ordinal)
            .Replace("\"price\":1500.25,", "", StringComparison.Ordinal).Replace(",\"timeInForce\":\"gtc\"", "", StringComparison.Ordinal));

        Assert.Equal(409, response.Status);
        Assert.Single(_durable.Scheduled);
    }

    [Fact]
    public async Task An_unknown_member_is_named_in_the_message()
    {
        var response = await SubmitAsync(Valid.Replace("\"quantity\":200", "\"quantiy\":200", StringComparison.Ordinal));

        Assert.Equal(["quantiy"], response.ProblemFields);
        Assert.Contains("quantiy", response.Json.GetProperty("errors").GetProperty("quantiy")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_shape_error_is_reported_at_once_without_reading_the_reference_data()
    {
        var response = await SubmitAsync("""{"quantity":0,"price":-1}""");

        Assert.Equal(400, response.Status);
        Assert.Equal(["clientOrderId", "accountId", "instrument", "side", "price", "quantity"], response.ProblemFields);
        Assert.Equal(0, _referenceData.Reads);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_by_its_length_before_it_is_parsed()
    {
        var padded = Valid.Replace("\"userId\":\"u-1\"", "\"userId\":\"" + new string('u', 2000) + "\"", StringComparison.Ordinal);

        var response = await SubmitAsync(padded, maxBodyBytes: 1024);

        Assert.Equal(400, response.Status);
        Assert.Equal(["body"], response.ProblemFields);
        Assert.Contains("1024 bytes", response.Body, StringComparison.Ordinal);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task An_oversized_body_without_a_length_is_refused_while_it_is_read()
    {
        var request = Http.Request(new string(' ', 5000) + Valid);
        request.ContentLength = null;

        var response = await Http.ExecuteAsync(await Handlers(1024).SubmitOrderAsync(request, _durable.Client), request);

        Assert.Equal(400, response.Status);
        Assert.Equal(["body"], response.ProblemFields);
    }

    [Fact]
    public async Task An_empty_body_or_another_media_type_is_a_400_on_body()
    {
        var empty = await SubmitAsync("");
        var text = await SubmitAsync(Valid, contentType: "text/plain");

        Assert.Equal((400, 400), (empty.Status, text.Status));
        Assert.Equal(["body"], empty.ProblemFields);
        Assert.Equal(["body"], text.ProblemFields);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task A_day_order_with_its_expiry_is_taken()
    {
        var response = await SubmitAsync(Valid.Replace("\"timeInForce\":\"gtc\"", "\"timeInForce\":\"day\",\"expiresAt\":\"2026-11-26T07:00:00Z\"", StringComparison.Ordinal));

        Assert.Equal(202, response.Status);
        var saga = Assert.IsType<OrderToClearingInput>(Assert.Single(_durable.Scheduled).Input);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero), saga.ExpiresAt);
    }
}
