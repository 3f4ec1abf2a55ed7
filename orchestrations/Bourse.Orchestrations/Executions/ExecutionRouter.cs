using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.Executions;

/// <summary>
/// Gets every execution report to the saga that owns its order, although the engine's published reports name only the
/// engine order id and the saga learns that id only when the engine answers its submission — after the first fills may
/// already be on the hub.
/// </summary>
/// <remarks>
/// <para>Two writers, each writing its own fact first and reading the other's second:</para>
/// <list type="number">
/// <item><b>The relay</b> (<see cref="RouteAsync"/>): stores the report (<see cref="IExecutionStore"/>), THEN reads the
/// link (<see cref="IOrderLinkStore"/>) and, if there is one, raises the report to the saga.</item>
/// <item><b>The saga's SubmitToEngine step</b> (<see cref="LinkAndCatchUpAsync"/>), once the engine accepted the order:
/// writes the link, THEN reads the stored reports of the engine order and raises each of them itself.</item>
/// </list>
/// <para>Whatever the interleaving, one of the two sees the other's write: if the relay's link read missed the link, the
/// link was written after that read, hence after the report was stored, so the step's read of the stored reports (after
/// its link write) finds the report. This needs reads that see completed writes (Cosmos DB strong or session consistency
/// in one region) and nothing else from the engine. Both may raise the same report; the saga drops duplicates by
/// instrument sequence. Every call here is idempotent, so both callers may run again after a failure.</para>
/// <para>A report whose order has no link is stored and left: it belongs to a direct-entry order, or its link is on its
/// way (the step's catch-up will raise it). Reconciliation clears direct-entry fills once a grace period has passed.</para>
/// </remarks>
public sealed class ExecutionRouter(IExecutionStore executions, IOrderLinkStore links, ISagaEventRaiser sagas)
{
    /// <summary>The relay's path: store <paramref name="execution"/>, then route it if its order is linked.</summary>
    public async ValueTask<RouteResult> RouteAsync(StoredExecution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        bool stored = await executions.StoreAsync(execution, cancellationToken).ConfigureAwait(false);
        var report = execution.Report;
        var found = await links.FindAsync(report.InstrumentId, [report.EngineOrderId], cancellationToken).ConfigureAwait(false);
        if (!found.TryGetValue(report.EngineOrderId, out var link))
        {
            return new RouteResult(stored, RouteOutcome.Unlinked, null);
        }

        var state = await sagas.RaiseExecutionReportAsync(link.OrderId, report, cancellationToken).ConfigureAwait(false);
        return new RouteResult(stored, state == SagaInstanceState.Running ? RouteOutcome.Routed : RouteOutcome.SagaNotRunning, link.OrderId);
    }

    /// <summary>The SubmitToEngine step's path: write <paramref name="link"/>, then raise the reports of its engine order
    /// stored so far to the saga.</summary>
    /// <returns>How many stored reports were raised.</returns>
    /// <exception cref="InvalidOperationException">The engine order is linked to another order already.</exception>
    public async ValueTask<int> LinkAndCatchUpAsync(OrderLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        var stored = await links.LinkAsync(link, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(stored.OrderId, link.OrderId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Engine order {link.EngineOrderId} on instrument {link.InstrumentId} is linked to order {stored.OrderId}, not {link.OrderId}.");
        }

        var reports = await executions.GetByEngineOrderAsync(link.InstrumentId, link.EngineOrderId, cancellationToken).ConfigureAwait(false);
        foreach (var execution in reports.OrderBy(e => e.Report.InstrumentSequence))
        {
            await sagas.RaiseExecutionReportAsync(link.OrderId, execution.Report, cancellationToken).ConfigureAwait(false);
        }

        return reports.Count;
    }
}

/// <summary>What <see cref="ExecutionRouter.RouteAsync"/> did.</summary>
/// <param name="Stored">Stored by this call (<see langword="false"/>: a redelivery).</param>
/// <param name="Outcome">Where the report went.</param>
/// <param name="OrderId">The saga it was raised to, when linked.</param>
public sealed record RouteResult(bool Stored, RouteOutcome Outcome, string? OrderId);

/// <summary>Where a report went.</summary>
public enum RouteOutcome
{
    /// <summary>Raised to its running saga.</summary>
    Routed,

    /// <summary>No link (yet): stored only.</summary>
    Unlinked,

    /// <summary>Linked, but the saga has finished or is unknown: stored only (reconciliation reports a missing fill).</summary>
    SagaNotRunning,
}
