using Bourse.Adapters.Cosmos.Documents;
using Bourse.Domain.Ledger;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// Records a journal entry and applies it to each of its accounts exactly once, without transactions (README, "Ledger"):
/// <list type="number">
/// <item>Create the entry document under its deterministic id (409: an earlier delivery did; read it and carry on).</item>
/// <item>For each account in the entry's order (debited first): read the account; if its recent markers hold the entry,
/// it is applied there already; else apply the postings in memory and compare-and-swap the account with the entry's marker
/// added (412: re-read and start over); then record the account in the entry's <c>appliedTo</c>. The first account decides:
/// if it, or a read of the other debited accounts, refuses, a refusal marker is swapped in instead and the entry becomes
/// <c>refused</c>, applied nowhere.</item>
/// <item>Mark the entry <c>complete</c>.</item>
/// </list>
/// Any runner may stop after any write and any other runner (a retry, a duplicate, reconciliation) resumes from the
/// documents alone.
/// </summary>
internal sealed class EntryProcessor(ILedgerStore store, CosmosLedgerOptions options, TimeProvider timeProvider)
{
    private enum StepKind
    {
        Applied,
        Refused,
        Blocked,
    }

    private readonly record struct Step(StepKind Kind, LedgerRefusal? Refusal = null);

    /// <summary>Records <paramref name="entry"/> (or finds it recorded) and carries it to its end.</summary>
    /// <param name="requireSamePostings">
    /// Whether an entry already recorded under the id must have the same postings (a fill, a hold); false where the
    /// postings depend on when they were computed and the first recorded wins (a release).
    /// </param>
    public async Task<LedgerResult> RecordAsync(JournalEntry entry, string partitionKey, bool requireSamePostings, CancellationToken cancellationToken)
    {
        var document = entry.ToDocument(partitionKey, timeProvider.GetUtcNow());
        if (await store.CreateEntryAsync(document, cancellationToken).ConfigureAwait(false) == WriteResult.Done)
        {
            return await ResumeAsync(document, duplicate: false, cancellationToken).ConfigureAwait(false);
        }

        var existing = await store.ReadEntryAsync(entry.Id, partitionKey, cancellationToken).ConfigureAwait(false)
            ?? throw new LedgerException(LedgerFailureReason.CorruptDocument, $"entry {entry.Id} exists (409) but cannot be read (404)");
        if (requireSamePostings && !existing.Document.ToEntry().HasSamePostings(entry))
        {
            throw new LedgerException(LedgerFailureReason.ConflictingDuplicate,
                $"entry {entry.Id} is recorded with other postings than this request's: two different events claim one id");
        }

        return await ResumeAsync(existing.Document, duplicate: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Carries a recorded entry to its end from wherever the last runner stopped.</summary>
    public async Task<LedgerResult> ResumeAsync(EntryDocument document, bool duplicate, CancellationToken cancellationToken)
    {
        var entry = document.ToEntry();
        switch (document.ToStatus())
        {
            case LedgerEntryStatus.Complete:
                return new LedgerResult(entry.Id, LedgerOutcome.Applied, duplicate, entry, null);
            case LedgerEntryStatus.Refused:
                return new LedgerResult(entry.Id, LedgerOutcome.Refused, duplicate, entry, document.Refusal?.ToRefusal());
        }

        for (var i = 0; i < entry.Accounts.Count; i++)
        {
            var accountId = entry.Accounts[i];
            if (document.AppliedTo.TryGetValue(accountId, out var applied) && applied)
            {
                continue;
            }

            var step = await ApplyToAccountAsync(entry, document.PartitionKey, accountId, coordinator: i == 0, cancellationToken).ConfigureAwait(false);
            switch (step.Kind)
            {
                case StepKind.Refused:
                    await store.MarkFinalAsync(entry.Id, document.PartitionKey, EntryStatuses.Refused, timeProvider.GetUtcNow(), step.Refusal!.ToDocument(), cancellationToken).ConfigureAwait(false);
                    return new LedgerResult(entry.Id, LedgerOutcome.Refused, duplicate, entry, step.Refusal);
                case StepKind.Blocked:
                    await store.MarkBlockedAsync(entry.Id, document.PartitionKey, step.Refusal!.ToDocument(), cancellationToken).ConfigureAwait(false);
                    return new LedgerResult(entry.Id, LedgerOutcome.Pending, duplicate, entry, step.Refusal);
                default:
                    await store.MarkAppliedAsync(entry.Id, document.PartitionKey, accountId, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        await store.MarkFinalAsync(entry.Id, document.PartitionKey, EntryStatuses.Complete, timeProvider.GetUtcNow(), null, cancellationToken).ConfigureAwait(false);
        return new LedgerResult(entry.Id, LedgerOutcome.Applied, duplicate, entry, null);
    }

    private async Task<Step> ApplyToAccountAsync(JournalEntry entry, string partitionKey, string accountId, bool coordinator, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < options.MaxConcurrencyAttempts; attempt++)
        {
            var read = await store.ReadAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            var account = read?.Document ?? DocumentMapping.NewAccount(accountId);
            var marker = account.Recent.Find(m => string.Equals(m.Id, entry.Id, StringComparison.Ordinal));
            if (marker is not null)
            {
                return marker.Refusal is null ? new Step(StepKind.Applied) : new Step(StepKind.Refused, marker.Refusal.ToRefusal());
            }

            if (account.Dropped > 0)
            {
                // Markers were dropped from this account, each only after its entry recorded the fact. The entry is read
                // after the account, so a marker dropped before the account version just read shows here.
                var current = await store.ReadEntryAsync(entry.Id, partitionKey, cancellationToken).ConfigureAwait(false);
                if (current is not null && current.Document.AppliedTo.TryGetValue(accountId, out var applied) && applied)
                {
                    return new Step(StepKind.Applied);
                }

                if (current is not null && coordinator && current.Document.ToStatus() == LedgerEntryStatus.Refused)
                {
                    return new Step(StepKind.Refused, current.Document.Refusal?.ToRefusal());
                }
            }

            var application = account.ToState().Apply(entry);
            var refusal = application.Refusal;
            if (refusal is null && coordinator)
            {
                refusal = await CheckOtherAccountsAsync(entry, accountId, cancellationToken).ConfigureAwait(false);
            }

            if (refusal is not null && !coordinator)
            {
                return new Step(StepKind.Blocked, refusal);
            }

            if (refusal is null)
            {
                account.SetState(application.State);
            }

            account.Recent.Add(new EntryMarker { Id = entry.Id, PartitionKey = partitionKey, Refusal = refusal?.ToDocument() });
            await DropOldMarkersAsync(account, cancellationToken).ConfigureAwait(false);
            var written = read is null
                ? await store.CreateAccountAsync(account, cancellationToken).ConfigureAwait(false)
                : await store.ReplaceAccountAsync(account, read.ETag, cancellationToken).ConfigureAwait(false);
            if (written == WriteResult.Done)
            {
                return refusal is null ? new Step(StepKind.Applied) : new Step(StepKind.Refused, refusal);
            }

            // 409 or 412: another writer changed the account since it was read. Read it again.
        }

        throw new LedgerException(LedgerFailureReason.Contention,
            $"account {accountId} changed on each of {options.MaxConcurrencyAttempts} attempts to apply entry {entry.Id}");
    }

    /// <summary>Dry-runs the entry on the other debited accounts, so that the first account refuses what a later one would.</summary>
    private async Task<LedgerRefusal?> CheckOtherAccountsAsync(JournalEntry entry, string coordinatorId, CancellationToken cancellationToken)
    {
        foreach (var accountId in entry.Accounts)
        {
            if (string.Equals(accountId, coordinatorId, StringComparison.Ordinal) || !entry.PostingsFor(accountId).Any(p => p.Amount < 0m))
            {
                continue;
            }

            var read = await store.ReadAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            var state = read?.Document.ToState() ?? new AccountState(accountId);
            if (state.Apply(entry).Refusal is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>
    /// Keeps the account's markers bounded: beyond the capacity, the older half goes, each after its entry document has
    /// recorded what the marker said (applied to this account, or refused), so the fact is never lost.
    /// </summary>
    private async Task DropOldMarkersAsync(AccountDocument account, CancellationToken cancellationToken)
    {
        if (account.Recent.Count <= options.RecentEntryCapacity)
        {
            return;
        }

        var drop = account.Recent.Count - (options.RecentEntryCapacity / 2);
        foreach (var marker in account.Recent.Take(drop))
        {
            if (marker.Refusal is null)
            {
                await store.MarkAppliedAsync(marker.Id, marker.PartitionKey, account.AccountId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await store.MarkFinalAsync(marker.Id, marker.PartitionKey, EntryStatuses.Refused, timeProvider.GetUtcNow(), marker.Refusal, cancellationToken).ConfigureAwait(false);
            }
        }

        account.Recent.RemoveRange(0, drop);
        account.Dropped += drop;
    }
}
