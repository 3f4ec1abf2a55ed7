using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Tests.Support;
using Moq;

namespace Bourse.Orchestrations.Tests.OrderToClearing;

/// <summary>Faults injected with Moq into the ledger port (the rest of it is the in-memory ledger).</summary>
public sealed class OrderToClearingFaultTests
{
    [Fact]
    public async Task A_clearing_that_fails_after_its_retries_compensates_cancel_at_the_engine_and_release_of_the_hold()
    {
        Mock<ILedger>? mock = null;
        await using SagaHost host = await SagaHost.StartAsync(ledger =>
        {
            mock = Forwarding(ledger);
            mock.Setup(l => l.PostAsync(It.IsAny<JournalEntry>(), It.IsAny<CancellationToken>()))
                .ThrowsAsync(new InvalidOperationException("ledger store unavailable"));
            return mock.Object;
        });
        string account = host.NewAccount(cash: 20_000m);
        string orderId = await host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100));
        await host.Ports.Engine.FillAsync(orderId, SagaHost.Instrument, 9901, 10000, 30);
        OrderToClearingResult result = await host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Failed, result.Outcome);
        Assert.Equal(SagaStages.AwaitExecutions, result.Stage);
        SagaReason reason = Assert.Single(result.Reasons);
        Assert.Equal(SagaReasonCodes.ActivityFailed, reason.Code);
        Assert.Contains("ClearFill", reason.Detail, StringComparison.Ordinal);
        Assert.Equal(["CancelAtEngine", "ReleaseHold"], result.Compensations.Select(c => c.Step).ToArray());
        Assert.All(result.Compensations, c => Assert.True(c.Succeeded));
        Assert.Equal(20_000m, host.Ports.Ledger.Balance(account, "CNY"));
        mock!.Verify(l => l.PostAsync(It.IsAny<JournalEntry>(), It.IsAny<CancellationToken>()), Times.Exactly(SagaHost.FastSettings.ActivityMaxAttempts));
        OrderToClearingStatus status = await host.StatusAsync(orderId, _ => true);
        Assert.Contains("ledger store unavailable", status.LastError, StringComparison.Ordinal);
        Assert.Equal(OrderEventKind.OrderFailed, host.Ports.Events.Published[$"{orderId}:OrderFailed"].Kind);
    }

    [Fact]
    public async Task A_transient_ledger_failure_is_retried_and_the_fill_cleared_once()
    {
        Mock<ILedger>? mock = null;
        await using SagaHost host = await SagaHost.StartAsync(ledger =>
        {
            mock = Forwarding(ledger);
            int calls = 0;
            mock.Setup(l => l.PostAsync(It.IsAny<JournalEntry>(), It.IsAny<CancellationToken>()))
                .Returns((JournalEntry e, CancellationToken t) =>
                    Interlocked.Increment(ref calls) == 1 ? throw new TimeoutException("ledger timed out") : ledger.PostAsync(e, t));
            return mock.Object;
        });
        string account = host.NewAccount(cash: 20_000m);
        string orderId = await host.StartAsync(SagaHost.Order(account, OrderSide.Buy, 100.00m, 100));
        await host.Ports.Engine.FillAsync(orderId, SagaHost.Instrument, 9911, 10000, 100);
        OrderToClearingResult result = await host.CompletionAsync(orderId);

        Assert.Equal(OrderOutcome.Filled, result.Outcome);
        Assert.Single(host.Ports.Ledger.Entries);
        mock!.Verify(l => l.PostAsync(It.IsAny<JournalEntry>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    private static Mock<ILedger> Forwarding(InMemoryLedger ledger)
    {
        var mock = new Mock<ILedger>(MockBehavior.Strict);
        mock.Setup(l => l.ReserveAsync(It.IsAny<HoldRequest>(), It.IsAny<CancellationToken>()))
            .Returns((HoldRequest r, CancellationToken t) => ledger.ReserveAsync(r, t));
        mock.Setup(l => l.ReleaseHoldAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string h, CancellationToken t) => ledger.ReleaseHoldAsync(h, t));
        return mock;
    }
}
