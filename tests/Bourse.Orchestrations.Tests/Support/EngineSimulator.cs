using System.Collections.Concurrent;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.Tests.Support;

/// <summary>
/// An engine in memory: records submissions and cancels (idempotent by client id), rejects the orders it is told to,
/// and raises execution reports to the saga (instance id = client order id in these tests) with per-instrument sequences.
/// </summary>
internal sealed class EngineSimulator : IEngineOrderEntry
{
    private readonly ConcurrentDictionary<string, EngineSubmission> _submissions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EngineCancelResult> _cancels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EngineOrder> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _filled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _sequences = new();
    private long _nextOrderId;

    /// <summary>Raises a report to a saga instance; set by the host.</summary>
    public Func<string, ExecutionReport, Task> Raise { get; set; } = (_, _) => Task.CompletedTask;

    public ConcurrentQueue<EngineOrder> Submitted { get; } = new();

    public ConcurrentQueue<EngineCancel> Cancelled { get; } = new();

    /// <summary>Client order ids the engine refuses (price band).</summary>
    public ConcurrentDictionary<string, bool> Rejects { get; } = new(StringComparer.Ordinal);

    /// <summary>Client order ids whose cancel the engine takes without ever reporting it.</summary>
    public ConcurrentDictionary<string, bool> SilentCancels { get; } = new(StringComparer.Ordinal);

    public long NextSequence(int instrumentId) => _sequences.AddOrUpdate(instrumentId, 1, (_, s) => s + 1);

    public ValueTask<EngineSubmission> SubmitAsync(EngineOrder order, CancellationToken cancellationToken = default)
    {
        EngineSubmission answer = _submissions.GetOrAdd(order.ClientOrderId, _ =>
        {
            Submitted.Enqueue(order);
            _orders[order.ClientOrderId] = order;
            return Rejects.ContainsKey(order.ClientOrderId)
                ? new EngineSubmission(false, null, "REJECT_REASON_PRICE_BAND", "price outside band")
                : new EngineSubmission(true, Interlocked.Increment(ref _nextOrderId));
        });
        return ValueTask.FromResult(answer);
    }

    public async ValueTask<EngineCancelResult> CancelAsync(EngineCancel cancel, CancellationToken cancellationToken = default)
    {
        bool first = false;
        EngineCancelResult answer = _cancels.GetOrAdd(cancel.ClientRequestId, _ =>
        {
            first = true;
            Cancelled.Enqueue(cancel);
            return new EngineCancelResult(_orders.ContainsKey(cancel.ClientOrderId), _orders.ContainsKey(cancel.ClientOrderId) ? null : "REJECT_REASON_UNKNOWN_ORDER");
        });
        if (first && answer.Accepted && !SilentCancels.ContainsKey(cancel.ClientOrderId))
        {
            EngineOrder order = _orders[cancel.ClientOrderId];
            long remaining = order.Quantity - _filled.GetValueOrDefault(cancel.ClientOrderId);
            await Raise(cancel.ClientOrderId, new ExecutionReport(
                order.InstrumentId, NextSequence(order.InstrumentId), ExecutionKind.Cancelled, Quantity: remaining, Reason: "CANCEL_REASON_REQUESTED"));
        }

        return answer;
    }

    /// <summary>A fill of <paramref name="orderId"/> raised as a report (the engine's own sequence), returned for re-raising.</summary>
    public async Task<ExecutionReport> FillAsync(string orderId, int instrumentId, long tradeId, long priceTicks, long quantity)
    {
        _filled.AddOrUpdate(orderId, quantity, (_, f) => f + quantity);
        var report = new ExecutionReport(instrumentId, NextSequence(instrumentId), ExecutionKind.Fill, TradeId: tradeId, PriceTicks: priceTicks, Quantity: quantity);
        await Raise(orderId, report);
        return report;
    }
}
