using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.Reconciliation.Activities;

/// <summary>The stored fill reports of a window, each with its order's link and that saga's state.</summary>
/// <param name="Fills">The facts, by sequence.</param>
/// <param name="Examined">All stored reports of the window (fills and others).</param>
public sealed record FillFacts(IReadOnlyList<FillFact> Fills, int Examined);

/// <summary>Loads the stored executions of a window (fills only), their links and their sagas' states. Reads only.</summary>
public sealed class LoadFillFactsActivity(IExecutionStore executions, IOrderLinkStore links, ISagaEventRaiser sagas)
    : ISagaActivity<ExecutionWindow, FillFacts>
{
    /// <inheritdoc/>
    public async Task<FillFacts> RunAsync(ExecutionWindow input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = await executions.GetWindowAsync(input, cancellationToken).ConfigureAwait(false);
        var fills = stored.Where(e => e.Report.Kind == ExecutionKind.Fill).OrderBy(e => e.Report.InstrumentSequence).ToList();
        var linked = await links.FindAsync(
            input.InstrumentId, fills.Select(f => f.Report.EngineOrderId).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<string, SagaInstanceState>(StringComparer.Ordinal);
        foreach (var orderId in linked.Values.Select(l => l.OrderId).Distinct(StringComparer.Ordinal))
        {
            states[orderId] = await sagas.GetStateAsync(orderId, cancellationToken).ConfigureAwait(false);
        }

        return new FillFacts(
            [.. fills.Select(f => linked.TryGetValue(f.Report.EngineOrderId, out var link)
                ? new FillFact(f, link.OrderId, states[link.OrderId])
                : new FillFact(f, null, null))],
            stored.Count);
    }
}
