using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Tests.Support;

namespace Bourse.Orchestrations.Tests.OrderToClearing;

/// <summary>The saga end to end on the in-process Durable Task host: approve and settle, rejections, compensation,
/// cancels and expiry, duplicates and reordering, status.</summary>
public sealed class OrderToClearingFlowTests(SagaHostFixture fixture) : IClassFixture<SagaHostFixture>
{
    private readonly SagaHost _host = fixture.Host;

    private SagaPorts Ports => _host.Ports;

    [Fact]
    public async Task An_approved_buy_is_filled_cleared_once_and_settled_with_the_unused_hold_released()
    {
        string account = _host.NewAccount(cash: 20_000m);
        string orderId = await _host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100));
        await _host.StatusAsync(orderId, s => s.Stage == SagaStages.AwaitExecutions);
        Assert.Equal(10_002.50m, Ports.Ledger.HoldRemaining(orderId)); // 100 × 100.00 + 2.5 bp fee

        await _host.RaiseAsync(orderId, new ExecutionReport(SagaHost.Instrument, Ports.Engine.NextSequence(SagaHost.Instrument), ExecutionKind.Accepted, 1, Quantity: 100));
        await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, tradeId: 9001, priceTicks: 9950, quantity: 100);
        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Filled, result.Outcome);
        Assert.Equal(100, result.FilledQuantity);
        Assert.Equal(9_950m, result.FilledNotional);
        Assert.Equal(2.49m, result.Fees);
        Assert.Equal(50.01m, result.ReleasedHold);
        Assert.Empty(result.Compensations);
        Assert.Equal(20_000m - 9_952.49m, Ports.Ledger.Balance(account, "CNY"));
        Assert.Equal(100, Ports.Ledger.Balance(account, SagaHost.Security));
        Assert.Single(Ports.Ledger.Entries, e => e.EntryId == "fill:600519:9001:buy");
        Assert.Equal(OrderEventKind.OrderSettled, Ports.Events.Published[$"{orderId}:OrderSettled"].Kind);
        EngineOrder submitted = Assert.Single(Ports.Engine.Submitted, o => o.ClientOrderId == orderId);
        Assert.Equal(10_000, submitted.PriceTicks);
    }

    [Fact]
    public async Task A_sell_holds_the_securities_and_credits_the_proceeds_less_the_fee()
    {
        string account = _host.NewAccount(cash: 0m, shares: 500);
        string orderId = await _host.StartAsync(SagaHost.Order(account, OrderSide.Sell, 101.00m, 200));
        await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, tradeId: 9101, priceTicks: 10100, quantity: 200);
        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Filled, result.Outcome);
        Assert.Equal(300, Ports.Ledger.Balance(account, SagaHost.Security));
        Assert.Equal(20_200m - 5.05m, Ports.Ledger.Balance(account, "CNY"));
        Assert.Equal(0m, result.ReleasedHold);
    }

    [Theory]
    [InlineData("sanctions", RiskReasonCodes.SanctionsExactMatch)]
    [InlineData("daily-limit", RiskReasonCodes.LimitDailyNotionalExceeded)]
    [InlineData("price-band", RiskReasonCodes.PriceOutsideBand)]
    public async Task A_risk_rejection_ends_the_order_rejected_with_its_reasons_and_nothing_held(string rule, string code)
    {
        string account = rule switch
        {
            "sanctions" => _host.NewAccount(cash: 1_000_000m, name: "Weiming ZHANG"),
            "daily-limit" => _host.NewAccount(cash: 1_000_000m, id: "A-LIMIT"),
            _ => _host.NewAccount(cash: 1_000_000m),
        };
        OrderToClearingInput order = rule == "price-band"
            ? SagaHost.Order(account, OrderSide.Buy, 120.00m, 100)   // inside the exchange's limits, 20 % above the reference
            : SagaHost.Order(account, OrderSide.Buy, 100.00m, 1_000); // 100,000 CNY: over A-LIMIT's 50,000

        OrderToClearingResult result = await _host.CompletionAsync(await _host.StartAsync(order));

        Assert.Equal(OrderOutcome.Rejected, result.Outcome);
        Assert.Equal(SagaStages.AssessRisk, result.Stage);
        Assert.Contains(result.Reasons, r => r.Code == code);
        Assert.Null(Ports.Ledger.HoldRemaining(order.OrderId));
        Assert.DoesNotContain(Ports.Engine.Submitted, o => o.ClientOrderId == order.OrderId);
        Assert.Equal(VerdictKind.Reject, Ports.Risk.Decisions[order.OrderId].Outcome);
        Assert.Equal(OrderEventKind.OrderRejected, Ports.Events.Published[$"{order.OrderId}:OrderRejected"].Kind);
    }

    [Fact]
    public async Task An_aml_flag_lets_the_order_continue_and_is_recorded_for_the_regulatory_reports()
    {
        string account = _host.NewAccount(cash: 2_000_000m);
        OrderToClearingInput order = SagaHost.Order(account, OrderSide.Buy, 100.00m, 12_000); // 1,200,000 CNY
        string orderId = await _host.StartAsync(order);
        await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, tradeId: 9201, priceTicks: 10000, quantity: 12_000);
        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Filled, result.Outcome);
        Assert.Contains(result.RiskFlags, f => f.Code == RiskReasonCodes.AmlLargeValueSingle);
        RegulatoryFlag flag = Ports.Risk.Flags[(orderId, RiskRuleIds.LargeValue)];
        Assert.Equal(RiskReasonCodes.AmlLargeValueSingle, flag.ReasonCode);
        Assert.Equal("saga-test-1", flag.RuleSetVersion);
    }

    [Fact]
    public async Task An_invalid_order_is_rejected_at_validation_with_every_problem()
    {
        string account = _host.NewAccount(cash: 1_000m);
        OrderToClearingInput order = SagaHost.Order(account, OrderSide.Buy, 100.005m, 15) with { TimeInForce = TimeInForce.Gtd };
        OrderToClearingResult result = await _host.CompletionAsync(await _host.StartAsync(order));

        Assert.Equal(OrderOutcome.Rejected, result.Outcome);
        Assert.Equal(SagaStages.Validate, result.Stage);
        Assert.Equal(
            [SagaReasonCodes.ExpiryMissing, SagaReasonCodes.TickSize, SagaReasonCodes.LotSize],
            result.Reasons.Select(r => r.Code).ToArray());
        Assert.False(Ports.Risk.Decisions.ContainsKey(order.OrderId));
    }

    [Fact]
    public async Task Insufficient_funds_is_a_business_rejection_before_the_engine()
    {
        string account = _host.NewAccount(cash: 5_000m);
        OrderToClearingInput order = SagaHost.Order(account, OrderSide.Buy, 100.00m, 100);
        OrderToClearingResult result = await _host.CompletionAsync(await _host.StartAsync(order));

        Assert.Equal(OrderOutcome.Rejected, result.Outcome);
        Assert.Equal(SagaStages.ReserveFunds, result.Stage);
        Assert.Equal(SagaReasonCodes.InsufficientFunds, Assert.Single(result.Reasons).Code);
        Assert.Equal(5_000m, Ports.Ledger.Balance(account, "CNY"));
        Assert.DoesNotContain(Ports.Engine.Submitted, o => o.ClientOrderId == order.OrderId);
    }

    [Fact]
    public async Task An_engine_rejection_is_compensated_by_releasing_the_hold()
    {
        string account = _host.NewAccount(cash: 20_000m);
        OrderToClearingInput order = SagaHost.Order(account, OrderSide.Buy, 100.00m, 100);
        Ports.Engine.Rejects[order.ClientOrderId] = true;
        OrderToClearingResult result = await _host.CompletionAsync(await _host.StartAsync(order));

        Assert.Equal(OrderOutcome.Rejected, result.Outcome);
        Assert.Equal(SagaStages.SubmitToEngine, result.Stage);
        Assert.Equal(SagaReasonCodes.EngineRejected, Assert.Single(result.Reasons).Code);
        Compensation released = Assert.Single(result.Compensations);
        Assert.Equal("ReleaseHold", released.Step);
        Assert.True(released.Succeeded);
        Assert.Equal(10_002.50m, result.ReleasedHold);
        Assert.Equal(20_000m, Ports.Ledger.Balance(account, "CNY"));
        Assert.DoesNotContain(Ports.Engine.Cancelled, c => c.ClientOrderId == order.ClientOrderId);
    }

    [Fact]
    public async Task Partial_fills_then_a_user_cancel_settle_and_release_the_unused_hold()
    {
        string account = _host.NewAccount(cash: 20_000m);
        string orderId = await _host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100));
        await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, 9301, 10000, 30);
        await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, 9302, 9990, 20);
        await _host.StatusAsync(orderId, s => s.FillsCleared == 2);

        await _host.Client.RaiseEventAsync(orderId, SagaEvents.CancelRequested, new CancelRequest("user-1", "changed my mind"));
        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Cancelled, result.Outcome);
        Assert.Equal(50, result.FilledQuantity);
        Assert.Equal(4_998m, result.FilledNotional);
        Assert.Equal(1.25m, result.Fees);
        Assert.Equal(10_002.50m - 4_998m - 1.25m, result.ReleasedHold);
        Assert.Equal(20_000m - 4_999.25m, Ports.Ledger.Balance(account, "CNY"));
        EngineCancel cancel = Assert.Single(Ports.Engine.Cancelled, c => c.ClientOrderId == orderId);
        Assert.Equal($"{orderId}:cancel:1", cancel.ClientRequestId);
    }

    [Fact]
    public async Task A_gtd_order_expires_by_its_durable_timer_and_is_cancelled_at_the_engine()
    {
        string account = _host.NewAccount(cash: 20_000m);
        DateTimeOffset expiresAt = TimeProvider.System.GetUtcNow().AddSeconds(1.5);
        string orderId = await _host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100, TimeInForce.Gtd, expiresAt));
        await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, 9401, 10000, 40);
        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Expired, result.Outcome);
        Assert.Equal(40, result.FilledQuantity);
        Assert.Single(Ports.Engine.Cancelled, c => c.ClientOrderId == orderId);
        Assert.Equal(20_000m - 4_001m, Ports.Ledger.Balance(account, "CNY"));
    }

    [Fact]
    public async Task An_expiry_whose_cancel_is_never_reported_fails_after_the_bounded_wait_and_compensates()
    {
        string account = _host.NewAccount(cash: 20_000m);
        OrderToClearingInput order = SagaHost.Order(
            account, OrderSide.Buy, 100.00m, 100, TimeInForce.Day, TimeProvider.System.GetUtcNow().AddSeconds(0.5),
            SagaHost.FastSettings with { ReportWaitTimeout = TimeSpan.FromSeconds(1) });
        Ports.Engine.SilentCancels[order.ClientOrderId] = true;
        OrderToClearingResult result = await _host.CompletionAsync(await _host.StartAsync(order));

        Assert.Equal(OrderOutcome.Failed, result.Outcome);
        Assert.Equal(SagaReasonCodes.ReportTimeout, Assert.Single(result.Reasons).Code);
        Assert.Equal(["CancelAtEngine", "ReleaseHold"], result.Compensations.Select(c => c.Step).ToArray());
        Assert.Equal(20_000m, Ports.Ledger.Balance(account, "CNY"));
    }

    [Fact]
    public async Task Each_report_after_a_cancel_gives_the_engine_the_full_wait_again()
    {
        // The cancel is never answered and the wait is 3 s from the cancel: a fill 2 s in moves the deadline to 5 s, so the
        // last fill at 4 s, after the first deadline, still completes the order.
        string account = _host.NewAccount(cash: 20_000m);
        OrderToClearingInput order = SagaHost.Order(
            account, OrderSide.Buy, 100.00m, 100, settings: SagaHost.FastSettings with { ReportWaitTimeout = TimeSpan.FromSeconds(3) });
        Ports.Engine.SilentCancels[order.ClientOrderId] = true;
        string orderId = await _host.StartAsync(order);
        await _host.StatusAsync(orderId, s => s.Stage == SagaStages.AwaitExecutions);
        await _host.Client.RaiseEventAsync(orderId, SagaEvents.CancelRequested, new CancelRequest("user-1", "changed my mind"));
        await _host.StatusAsync(orderId, s => s.Stage == SagaStages.Cancelling);
        var cancelled = System.Diagnostics.Stopwatch.StartNew();

        await Task.Delay(TimeSpan.FromSeconds(2) - cancelled.Elapsed);
        await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, 9851, 10000, 40);
        await Task.Delay(TimeSpan.FromSeconds(4) - cancelled.Elapsed);
        await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, 9852, 10000, 60);
        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.NotEqual(OrderOutcome.Failed, result.Outcome);
        Assert.Equal(100, result.FilledQuantity);
        Assert.Equal(2, result.FillsCleared);
        Assert.Equal(20_000m - 10_002.50m, Ports.Ledger.Balance(account, "CNY"));
    }

    [Fact]
    public async Task Duplicate_and_shuffled_reports_clear_each_fill_once()
    {
        string account = _host.NewAccount(cash: 20_000m);
        string orderId = await _host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100));
        const int I = SagaHost.Instrument;
        ExecutionReport accepted = new(I, 5001, ExecutionKind.Accepted, 77, Quantity: 100);
        ExecutionReport[] fills = [.. Enumerable.Range(0, 5).Select(i => new ExecutionReport(I, 5002 + i, ExecutionKind.Fill, 77, 9500 + i, 10000 - i, 20))];
        // A fill before the acceptance, republished reports (same sequence), a trade seen again under a new sequence.
        ExecutionReport[] arrivals =
        [
            fills[3], fills[0], fills[3], accepted, fills[4], fills[0], fills[1] with { InstrumentSequence = 6001 }, fills[2], accepted, fills[1],
        ];
        foreach (ExecutionReport report in arrivals)
        {
            await _host.RaiseAsync(orderId, report);
        }

        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Filled, result.Outcome);
        Assert.Equal(100, result.FilledQuantity);
        Assert.Equal(5, result.FillsCleared);
        Assert.Equal(5, Ports.Ledger.Entries.Count(e => e.Description.Contains(orderId, StringComparison.Ordinal)));
        Assert.Equal(100, Ports.Ledger.Balance(account, SagaHost.Security));
    }

    [Fact]
    public async Task A_cancel_report_that_overtakes_a_fill_waits_for_the_fill()
    {
        string account = _host.NewAccount(cash: 20_000m);
        string orderId = await _host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100, TimeInForce.Ioc));
        const int I = SagaHost.Instrument;
        await _host.RaiseAsync(orderId, new ExecutionReport(I, 7003, ExecutionKind.Cancelled, Quantity: 60, Reason: "CANCEL_REASON_IMMEDIATE_OR_CANCEL_REMAINDER"));
        await _host.StatusAsync(orderId, s => s.Stage == SagaStages.AwaitExecutions);
        await _host.RaiseAsync(orderId, new ExecutionReport(I, 7002, ExecutionKind.Fill, TradeId: 9601, PriceTicks: 10000, Quantity: 40));
        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Cancelled, result.Outcome);
        Assert.Equal(40, result.FilledQuantity);
        Assert.Equal(1, result.FillsCleared);
    }

    [Fact]
    public async Task A_long_order_continues_as_new_and_keeps_its_state()
    {
        // Four events per generation. Each report is raised once the previous one is processed: the in-process test
        // host does not carry over events that are still unprocessed when a generation ends (see the README).
        string account = _host.NewAccount(cash: 20_000m);
        OrderToClearingInput order = SagaHost.Order(
            account, OrderSide.Buy, 100.00m, 120, settings: SagaHost.FastSettings with { HistoryEventLimit = 4 });
        string orderId = await _host.StartAsync(order);
        var fills = new List<ExecutionReport>();
        for (int i = 0; i < 12; i++)
        {
            fills.Add(await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, 9700 + i, 10000, 10));
            await _host.StatusAsync(orderId, s => s.FillsCleared == i + 1);
            if (i == 9)
            {
                // Fills of the first and second generations again: the third generation knows them and ends.
                await _host.RaiseAsync(orderId, fills[0]);
                await _host.RaiseAsync(orderId, fills[5]);
                await _host.StatusAsync(orderId, s => s.Generation == 4);
            }
        }

        OrderToClearingResult result = await _host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Filled, result.Outcome);
        Assert.Equal(12, result.FillsCleared);
        Assert.Equal(120, result.FilledQuantity);
        Assert.Equal(4, result.Generations);
        Assert.Equal(12, Ports.Ledger.Entries.Count(e => e.Description.Contains(orderId, StringComparison.Ordinal)));
        Assert.Equal(20_000m - 12_003m, Ports.Ledger.Balance(account, "CNY"));
    }

    [Fact]
    public async Task The_custom_status_follows_the_stages_fills_and_clearing()
    {
        string account = _host.NewAccount(cash: 20_000m);
        string orderId = await _host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100));

        OrderToClearingStatus waiting = await _host.StatusAsync(orderId, s => s.Stage == SagaStages.AwaitExecutions);
        Assert.Equal((100L, 0L, 0, 1), (waiting.OrderQuantity, waiting.FilledQuantity, waiting.FillsCleared, waiting.Generation));
        Assert.Null(waiting.LastError);

        await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, 9801, 10000, 40);
        OrderToClearingStatus partly = await _host.StatusAsync(orderId, s => s.FillsCleared == 1);
        Assert.Equal((SagaStages.AwaitExecutions, 40L), (partly.Stage, partly.FilledQuantity));

        await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, 9802, 10000, 60);
        await _host.CompletionAsync(orderId);
        OrderToClearingStatus done = await _host.StatusAsync(orderId, _ => true);
        Assert.Equal((SagaStages.Completed, 100L, 2), (done.Stage, done.FilledQuantity, done.FillsCleared));
        Assert.Empty(done.Compensated);
    }
}
