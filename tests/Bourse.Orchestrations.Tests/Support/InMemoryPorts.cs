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

internal sealed class InMemoryRiskRecords : IRiskDecisionStore, IRegulatoryFlagSink
{
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

/// <summary>The risk rules' own ports: no past transactions, no exposure so far, reference prices as set.</summary>
internal sealed class InMemoryRiskSources : ICustomerTransactionHistory, IAccountExposureSource, IReferencePriceSource
{
    public ConcurrentDictionary<string, decimal> ReferencePrices { get; } = new(StringComparer.Ordinal);

    public ValueTask<IReadOnlyList<PastTransaction>> GetTransactionsAsync(string customerId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<PastTransaction>>([]);

    public ValueTask<AccountExposure> GetDailyExposureAsync(
        string accountId, DateOnly businessDay, string currency, string excludingOrderId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new AccountExposure(new Money(0, currency), new Money(0, currency)));

    public ValueTask<ReferencePrice?> GetReferencePriceAsync(string instrumentId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReferencePrices.TryGetValue(instrumentId, out decimal price)
            ? new ReferencePrice(new Money(price, "CNY"), DateTimeOffset.UnixEpoch)
            : null);
}
