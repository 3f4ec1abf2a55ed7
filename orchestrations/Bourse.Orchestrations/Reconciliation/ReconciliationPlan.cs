using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.Reconciliation;

/// <summary>A stored fill report with what is known about its order's saga.</summary>
/// <param name="Execution">The stored report (a fill).</param>
/// <param name="OrderId">The linked saga, or <see langword="null"/> when the engine order has no link.</param>
/// <param name="Saga">The linked saga's state, when linked.</param>
public sealed record FillFact(StoredExecution Execution, string? OrderId, SagaInstanceState? Saga);

/// <summary>A report to raise to a saga again.</summary>
/// <param name="OrderId">The saga.</param>
/// <param name="Report">The report.</param>
public sealed record SagaReport(string OrderId, ExecutionReport Report);

/// <summary>What to do for one instrument (<see cref="ReconciliationPlan.Classify"/>).</summary>
/// <param name="Fills">Fill sides examined.</param>
/// <param name="Matched">Fill sides with an entry.</param>
/// <param name="ReRaise">Reports to raise again to their running sagas.</param>
/// <param name="ClearDirect">Unlinked fills past the grace period without an entry.</param>
/// <param name="AwaitingGrace">Unlinked fills without an entry inside the grace period.</param>
/// <param name="Breaks">What cannot be fixed.</param>
public sealed record InstrumentPlan(
    int Fills, int Matched, IReadOnlyList<SagaReport> ReRaise, IReadOnlyList<StoredExecution> ClearDirect, int AwaitingGrace,
    IReadOnlyList<ReconciliationBreak> Breaks);

/// <summary>The decisions of reconciliation, pure (the orchestrator runs them; tests call them directly).</summary>
public static class ReconciliationPlan
{
    /// <summary>
    /// Classifies each stored fill side against the ledger: entry present → matched; linked, saga running → raise again;
    /// linked, saga finished or unknown → break; unlinked, stored at least <paramref name="grace"/> before
    /// <paramref name="asOf"/> → clear as a direct-entry fill, else wait. Ledger entries with no stored fill side → break.
    /// </summary>
    public static InstrumentPlan Classify(
        int instrumentId, IReadOnlyList<FillFact> fills, IReadOnlyList<FillEntryInfo> entries, DateTimeOffset asOf, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(fills);
        ArgumentNullException.ThrowIfNull(entries);
        var byId = new Dictionary<string, FillEntryInfo>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            byId[entry.EntryId] = entry;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reRaise = new List<SagaReport>();
        var direct = new List<StoredExecution>();
        var breaks = new List<ReconciliationBreak>();
        int matched = 0, awaiting = 0;
        foreach (var fact in fills.OrderBy(f => f.Execution.Report.InstrumentSequence))
        {
            var report = fact.Execution.Report;
            if (fact.Execution.Side is not { } side)
            {
                breaks.Add(new(ReconciliationBreakCodes.FillWithoutSide, instrumentId, report.TradeId, null,
                    $"report {report.InstrumentSequence} of engine order {report.EngineOrderId} names no side"));
                continue;
            }

            string entryId = FillJournal.EntryId(instrumentId, report.TradeId, side);
            if (!seen.Add(entryId))
            {
                continue; // the same side stored twice under two sequences (cannot happen with the engine's ids; harmless)
            }

            if (byId.TryGetValue(entryId, out var present))
            {
                matched++;
                if (!present.Complete)
                {
                    breaks.Add(new(ReconciliationBreakCodes.EntryIncomplete, instrumentId, report.TradeId, entryId,
                        "the ledger recorded the entry but has not applied it everywhere; the ledger's CompletePending finishes it"));
                }
            }
            else if (fact.OrderId is { } orderId)
            {
                if (fact.Saga == SagaInstanceState.Running)
                {
                    reRaise.Add(new SagaReport(orderId, report));
                }
                else
                {
                    breaks.Add(new(ReconciliationBreakCodes.FinishedSagaFillMissing, instrumentId, report.TradeId, entryId,
                        $"order {orderId} (engine order {report.EngineOrderId}) is {fact.Saga?.ToString() ?? "unknown"} and never cleared this fill"));
                }
            }
            else if (fact.Execution.StoredAt + grace <= asOf)
            {
                direct.Add(fact.Execution);
            }
            else
            {
                awaiting++;
            }
        }

        // A trade's two reports have adjacent sequences, so a window can start or end between them: an entry of the other
        // side of the window's first or last trade is judged by the neighbouring window, not here.
        var trades = fills.Where(f => f.Execution.Side is not null).Select(f => f.Execution.Report.TradeId).ToList();
        var edges = trades.Count == 0 ? [] : new HashSet<long> { trades.Min(), trades.Max() };
        foreach (var entry in entries.Where(e => !seen.Contains(e.EntryId) && !edges.Contains(e.TradeId)).OrderBy(e => e.TradeId).ThenBy(e => e.Side))
        {
            breaks.Add(new(ReconciliationBreakCodes.EntryWithoutExecution, instrumentId, entry.TradeId, entry.EntryId,
                $"the ledger cleared the {(entry.Side == OrderSide.Buy ? "buy" : "sell")} side of trade {entry.TradeId}, which no stored report names"));
        }

        return new InstrumentPlan(seen.Count + breaks.Count(b => b.Code == ReconciliationBreakCodes.FillWithoutSide), matched, reRaise, direct, awaiting, breaks);
    }
}
