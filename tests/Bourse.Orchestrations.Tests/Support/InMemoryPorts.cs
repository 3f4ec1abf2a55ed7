using System.Collections.Concurrent;
using Bourse.Domain;
using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Ports;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.Tests.Support;

internal sealed class InMemoryReferenceData : IReferenceData
{
    public ConcurrentDictionary<int, InstrumentInfo> Instruments { get; } = new();

    public ConcurrentDictionary<string, AccountInfo> Accounts { get; } = new(StringComparer.Ordinal);

    public ValueTask<InstrumentInfo?> GetInstrumentAsync(int instrumentId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Instruments.GetValueOrDefault(instrumentId));

    public ValueTask<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Accounts.GetValueOrDefault(accountId));
}

internal sealed class InMemoryRiskRecords : IRiskDecisionStore, IRegulatoryFlagSink, IRegulatoryFlagSource
{
    public Task<IReadOnlyList<RegulatoryFlag>> GetFlagsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RegulatoryFlag>>([.. Flags.Values.Where(f => f.EvaluatedAt >= since && f.EvaluatedAt < until)]);

    public ConcurrentDictionary<string, RiskDecision> Decisions { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<(string OrderId, string RuleId), RegulatoryFlag> Flags { get; } = new();

    public ValueTask<RiskDecision?> FindAsync(string orderId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Decisions.GetValueOrDefault(orderId));

    public ValueTask SaveAsync(string orderId, RiskDecision decision, CancellationToken cancellationToken = default)
    {
        Decisions.TryAdd(orderId, decision);
        return ValueTask.CompletedTask;
    }

    public ValueTask RecordAsync(IReadOnlyList<RegulatoryFlag> flags, CancellationToken cancellationToken = default)
    {
        foreach (RegulatoryFlag flag in flags)
        {
            Flags.TryAdd((flag.OrderId, flag.RuleId), flag);
        }

        return ValueTask.CompletedTask;
    }
}

internal sealed class InMemoryOrderEvents : IOrderEventPublisher
{
    public ConcurrentDictionary<string, OrderEvent> Published { get; } = new(StringComparer.Ordinal);

    public ValueTask PublishAsync(OrderEvent orderEvent, CancellationToken cancellationToken = default)
    {
        Published.TryAdd(orderEvent.EventId, orderEvent);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The risk rules' reference prices, as set.</summary>
internal sealed class InMemoryReferencePrices : IReferencePriceSource
{
    public ConcurrentDictionary<string, decimal> ReferencePrices { get; } = new(StringComparer.Ordinal);

    public ValueTask<ReferencePrice?> GetReferencePriceAsync(string instrumentId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReferencePrices.TryGetValue(instrumentId, out decimal price)
            ? new ReferencePrice(new Money(price, "CNY"), DateTimeOffset.UnixEpoch)
            : null);
}

/// <summary>
/// The saga's order activity log, and the risk rules' history and exposure read back from it (as the Cosmos adapter
/// does): pending created once, the first outcome final.
/// </summary>
internal sealed class InMemoryOrderActivityLog : IOrderActivityLog, ICustomerTransactionHistory, IAccountExposureSource
{
    private readonly Lock _gate = new();

    public ConcurrentDictionary<string, Recorded> Orders { get; } = new(StringComparer.Ordinal);

    public ValueTask RecordPendingAsync(PendingOrderActivity order, CancellationToken cancellationToken = default)
    {
        Orders.TryAdd(order.OrderId, new Recorded(order, OrderActivityStatus.Pending, 0m));
        return ValueTask.CompletedTask;
    }

    public ValueTask<OutcomeRecording> RecordOutcomeAsync(OrderActivityOutcome outcome, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!Orders.TryGetValue(outcome.OrderId, out Recorded? recorded))
            {
                return ValueTask.FromResult(OutcomeRecording.NotRecorded);
            }

            if (recorded.Status != OrderActivityStatus.Pending)
            {
                return ValueTask.FromResult(OutcomeRecording.AlreadyFinal);
            }

            Orders[outcome.OrderId] = recorded with { Status = outcome.Status, Executed = outcome.ExecutedNotional };
            return ValueTask.FromResult(OutcomeRecording.Recorded);
        }
    }

    public ValueTask<IReadOnlyList<PastTransaction>> GetTransactionsAsync(string customerId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<PastTransaction>>([.. Orders.Values
            .Where(r => r.Order.CustomerId == customerId && r.Order.At >= since && r.Counts)
            .Select(r => new PastTransaction(r.Order.OrderId, r.Order.At, r.Amount, r.Order.Channel, r.Order.IsCrossBorder))]);

    public ValueTask<AccountExposure> GetDailyExposureAsync(
        string accountId, DateOnly businessDay, string currency, string excludingOrderId, CancellationToken cancellationToken = default)
    {
        Recorded[] today = [.. Orders.Values.Where(r => r.Order.AccountId == accountId && r.Order.BusinessDay == businessDay
            && r.Order.Notional.Currency == currency && r.Order.OrderId != excludingOrderId)];
        return ValueTask.FromResult(new AccountExposure(
            new Money(today.Where(r => r.Status == OrderActivityStatus.Executed).Sum(r => r.Executed), currency),
            new Money(today.Where(r => r.Status == OrderActivityStatus.Pending).Sum(r => r.Order.Notional.Amount), currency)));
    }

    internal sealed record Recorded(PendingOrderActivity Order, OrderActivityStatus Status, decimal Executed)
    {
        public bool Counts => Status is OrderActivityStatus.Pending or OrderActivityStatus.Executed;

        public Money Amount => new(Status == OrderActivityStatus.Executed ? Executed : Order.Notional.Amount, Order.Notional.Currency);
    }
}
