using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.OrderToClearing.Activities;

/// <summary>The answer of <see cref="ClearFillActivity"/>.</summary>
/// <param name="EntryId">The journal entry.</param>
/// <param name="AlreadyCleared">Whether it had been posted before (a retried activity).</param>
public sealed record ClearedFill(string EntryId, bool AlreadyCleared);

/// <summary>Step 6, ClearFill: the fill's journal entry (<see cref="FillJournal"/>) through <see cref="ILedger"/>, exactly
/// once by its deterministic id.</summary>
public sealed class ClearFillActivity(ILedger ledger) : ISagaActivity<FillClearing, ClearedFill>
{
    /// <inheritdoc/>
    public async Task<ClearedFill> RunAsync(FillClearing input, CancellationToken cancellationToken = default)
    {
        JournalEntry entry = FillJournal.Build(input);
        PostingResult result = await ledger.PostAsync(entry, cancellationToken).ConfigureAwait(false);
        return new ClearedFill(entry.EntryId, result == PostingResult.AlreadyPosted);
    }
}

/// <summary>Step 7 (and compensation): gives what is left of the order's hold back, idempotent by hold id.</summary>
public sealed class ReleaseHoldActivity(ILedger ledger) : ISagaActivity<string, HoldRelease>
{
    /// <inheritdoc/>
    public async Task<HoldRelease> RunAsync(string input, CancellationToken cancellationToken = default) =>
        await ledger.ReleaseHoldAsync(input, cancellationToken).ConfigureAwait(false);
}

/// <summary>
/// Step 7 (the saga's last activity, whatever the end): publishes OrderSettled (or OrderRejected, OrderFailed) through
/// <see cref="IOrderEventPublisher"/>, then records the outcome in the <see cref="IOrderActivityLog"/>
/// (<see cref="OrderActivityOutcomes.From"/>). Both are idempotent, so a retry after either repeats harmlessly.
/// </summary>
public sealed class PublishOrderEventActivity(IOrderEventPublisher publisher, IOrderActivityLog activityLog) : ISagaActivity<OrderEvent, bool>
{
    /// <inheritdoc/>
    public async Task<bool> RunAsync(OrderEvent input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await publisher.PublishAsync(input, cancellationToken).ConfigureAwait(false);
        await activityLog.RecordOutcomeAsync(OrderActivityOutcomes.From(input), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
