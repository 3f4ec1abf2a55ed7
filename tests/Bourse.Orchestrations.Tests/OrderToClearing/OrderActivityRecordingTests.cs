using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Tests.Support;

namespace Bourse.Orchestrations.Tests.OrderToClearing;

/// <summary>The saga's records in the <see cref="IOrderActivityLog"/>: pending when risk allows, the outcome at the end, and
/// the risk rules reading them back (the in-memory log is also the saga host's history and exposure source).</summary>
public sealed class OrderActivityRecordingTests(SagaHostFixture fixture) : IClassFixture<SagaHostFixture>
{
    private readonly SagaHost _host = fixture.Host;

    private SagaPorts Ports => _host.Ports;

    [Fact]
    public async Task An_allowed_order_is_pending_with_its_limit_notional_then_executed_with_what_filled()
    {
        string account = _host.NewAccount(cash: 20_000m);
        string orderId = await _host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100));
        await _host.StatusAsync(orderId, s => s.Stage == SagaStages.AwaitExecutions);

        InMemoryOrderActivityLog.Recorded pending = Ports.Activity.Orders[orderId];
        Assert.Equal(OrderActivityStatus.Pending, pending.Status);
        Assert.Equal((account, "C-" + account, 10_000m, "CNY"), (pending.Order.AccountId, pending.Order.CustomerId, pending.Order.Notional.Amount, pending.Order.Notional.Currency));
        Assert.Equal(Ports.Risk.Decisions[orderId].EvaluatedAt, pending.Order.At);
        Assert.Equal(Ports.Risk.Decisions[orderId].BusinessDay, pending.Order.BusinessDay);

        await Ports.Engine.FillAsync(orderId, SagaHost.Instrument, tradeId: 8001, priceTicks: 9950, quantity: 60);
        await _host.StatusAsync(orderId, s => s.FillsCleared == 1);
        await _host.Client.RaiseEventAsync(orderId, SagaEvents.CancelRequested, new CancelRequest("user-1", "enough"));
        await _host.CompletionAsync(orderId);

        InMemoryOrderActivityLog.Recorded done = Ports.Activity.Orders[orderId];
        Assert.Equal((OrderActivityStatus.Executed, 5_970m), (done.Status, done.Executed));
    }

    [Fact]
    public async Task Orders_rejected_before_or_by_risk_are_never_recorded_and_a_later_rejection_is_excluded()
    {
        string account = _host.NewAccount(cash: 20_000m);
        OrderToClearingInput invalid = SagaHost.Order(account, OrderSide.Buy, 100.005m, 100);
        OrderToClearingInput outsideBand = SagaHost.Order(account, OrderSide.Buy, 120.00m, 100);
        OrderToClearingInput engineRefused = SagaHost.Order(account, OrderSide.Buy, 100.00m, 100);
        Ports.Engine.Rejects[engineRefused.ClientOrderId] = true;

        foreach (OrderToClearingInput order in new[] { invalid, outsideBand, engineRefused })
        {
            Assert.Equal(OrderOutcome.Rejected, (await _host.CompletionAsync(await _host.StartAsync(order))).Outcome);
        }

        Assert.False(Ports.Activity.Orders.ContainsKey(invalid.OrderId));
        Assert.False(Ports.Activity.Orders.ContainsKey(outsideBand.OrderId));
        Assert.Equal(OrderActivityStatus.Rejected, Ports.Activity.Orders[engineRefused.OrderId].Status);
        Assert.Empty(await Ports.Activity.GetTransactionsAsync("C-" + account, DateTimeOffset.MinValue));
    }

    [Fact]
    public async Task A_pending_order_counts_towards_the_daily_limit_of_the_next_one_until_it_is_cancelled()
    {
        // A-LIMIT's daily limit is 50,000 CNY: two open orders of 30,000 do not fit, the second fits once the first is cancelled.
        string account = _host.NewAccount(cash: 1_000_000m, id: "A-LIMIT");
        string first = await _host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 300));
        await _host.StatusAsync(first, s => s.Stage == SagaStages.AwaitExecutions);

        OrderToClearingInput second = SagaHost.Order(account, OrderSide.Buy, 100.00m, 300);
        OrderToClearingResult refused = await _host.CompletionAsync(await _host.StartAsync(second));
        Assert.Equal(OrderOutcome.Rejected, refused.Outcome);
        Assert.Contains(refused.Reasons, r => r.Code == RiskReasonCodes.LimitDailyNotionalExceeded);

        await _host.Client.RaiseEventAsync(first, SagaEvents.CancelRequested, new CancelRequest("user-1", "changed my mind"));
        Assert.Equal(OrderOutcome.Cancelled, (await _host.CompletionAsync(first)).Outcome);
        Assert.Equal(OrderActivityStatus.Cancelled, Ports.Activity.Orders[first].Status);

        string third = await _host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 300));
        await _host.StatusAsync(third, s => s.Stage == SagaStages.AwaitExecutions);
        Assert.Equal(OrderActivityStatus.Pending, Ports.Activity.Orders[third].Status);
    }

    [Theory]
    [InlineData(OrderEventKind.OrderSettled, 0, OrderActivityStatus.Cancelled)]
    [InlineData(OrderEventKind.OrderSettled, 1234.5, OrderActivityStatus.Executed)]
    [InlineData(OrderEventKind.OrderRejected, 0, OrderActivityStatus.Rejected)]
    [InlineData(OrderEventKind.OrderFailed, 0, OrderActivityStatus.Failed)]
    [InlineData(OrderEventKind.OrderFailed, 10, OrderActivityStatus.Executed)]
    public void A_final_event_maps_to_its_outcome_and_only_fills_count(OrderEventKind kind, double filled, OrderActivityStatus expected)
    {
        var at = new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
        OrderActivityOutcome outcome = OrderActivityOutcomes.From(new OrderEvent("o-1:x", kind, "o-1", "a-1", 1, 0, (decimal)filled, 0m, 0m, [], at));

        Assert.Equal(("o-1", "a-1", expected, at), (outcome.OrderId, outcome.AccountId, outcome.Status, outcome.At));
        Assert.Equal(expected == OrderActivityStatus.Executed ? (decimal)filled : 0m, outcome.ExecutedNotional);
    }
}
