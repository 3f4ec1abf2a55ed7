using System.Runtime.CompilerServices;
using Bourse.Adapters.Cosmos.Documents;
using Bourse.Domain.Ledger;
using Microsoft.Azure.Cosmos;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// The ledger on Cosmos DB: holds per order, fills cleared exactly once, releases, balances and the journal. Every
/// operation is idempotent by its deterministic entry id (<see cref="EntryIds"/>) and safe to call twice, concurrently,
/// out of order, or again after the process died half-way; the scheme is in the README's "Ledger" section.
/// </summary>
/// <remarks>Business refusals (insufficient available, below a floor) are results; exceptions are <see cref="LedgerException"/>.</remarks>
public class CosmosLedger
{
    private readonly ILedgerStore _store = null!;
    private readonly EntryProcessor _processor = null!;
    private readonly CosmosLedgerOptions _options = null!;
    private readonly TimeProvider _timeProvider = null!;

    /// <summary>A ledger on <paramref name="accounts"/> (partitioned by <c>/accountId</c>) and <paramref name="entries"/> (by <c>/partitionKey</c>).</summary>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is out of range.</exception>
    public CosmosLedger(Container accounts, Container entries, CosmosLedgerOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(entries);
        options ??= new CosmosLedgerOptions();
        options.Validate();
        timeProvider ??= TimeProvider.System;
        (_store, _options, _timeProvider) = (new CosmosLedgerStore(accounts, entries, CosmosResilience.Create(options, timeProvider)), options, timeProvider);
        _processor = new EntryProcessor(_store, _options, _timeProvider);
    }

    internal CosmosLedger(ILedgerStore store, CosmosLedgerOptions options, TimeProvider timeProvider)
    {
        options.Validate();
        (_store, _options, _timeProvider) = (store, options, timeProvider);
        _processor = new EntryProcessor(store, options, timeProvider);
    }

    /// <summary>For mocking.</summary>
    protected CosmosLedger()
    {
    }

    /// <summary>Creates the two containers if they do not exist, with the partition keys the ledger writes.</summary>
    public static async Task<(Container Accounts, Container Entries)> CreateContainersIfNotExistsAsync(
        Database database, CosmosLedgerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        options ??= new CosmosLedgerOptions();
        var accounts = await database.CreateContainerIfNotExistsAsync(options.AccountsContainer, "/accountId", cancellationToken: cancellationToken).ConfigureAwait(false);
        var entries = await database.CreateContainerIfNotExistsAsync(options.EntriesContainer, "/partitionKey", cancellationToken: cancellationToken).ConfigureAwait(false);
        return (accounts.Container, entries.Container);
    }

    /// <summary>
    /// Holds <paramref name="amount"/> of <paramref name="asset"/> on <paramref name="accountId"/> for
    /// <paramref name="orderId"/> (available → held): entry <c>hold:{orderId}</c>. Idempotent by order id: a second call
    /// answers the first's outcome. Insufficient available is <see cref="LedgerOutcome.Refused"/> with
    /// <see cref="LedgerRefusalCode.BelowFloor"/>; a hold for an order whose hold was already released is refused with
    /// <see cref="LedgerRefusalCode.HoldReleased"/>.
    /// </summary>
    public virtual async Task<LedgerResult> ReserveAsync(string orderId, string accountId, string asset, decimal amount, CancellationToken cancellationToken = default)
    {
        RequireId(orderId);
        RequireId(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        var entry = LedgerEntries.Hold(orderId, accountId, asset, amount);
        var partitionKey = LedgerPartitionKeys.ForOrder(orderId);
        var release = await _store.ReadEntryAsync(EntryIds.Release(orderId), partitionKey, cancellationToken).ConfigureAwait(false);
        if (release is not null)
        {
            var hold = await _store.ReadEntryAsync(entry.Id, partitionKey, cancellationToken).ConfigureAwait(false);
            return hold is not null
                ? await _processor.ResumeAsync(hold.Document, duplicate: true, cancellationToken).ConfigureAwait(false)
                : new LedgerResult(entry.Id, LedgerOutcome.Refused, false, null,
                    new LedgerRefusal(LedgerRefusalCode.HoldReleased, accountId, asset, $"order {orderId} was released before it was reserved"));
        }

        return await _processor.RecordAsync(entry, partitionKey, requireSamePostings: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Clears a fill exactly once (entry <c>fill:{instrumentId}:{tradeId}</c>): the buyer pays notional plus its fee from
    /// its order's hold (the rest from available, so that orders without a hold clear through the same path), the
    /// seller delivers from its order's hold (or available), cash and securities arrive on the other sides, fees go to
    /// <see cref="CosmosLedgerOptions.FeeAccountId"/>. A fill that would leave an account below a floor is refused.
    /// </summary>
    /// <exception cref="LedgerException"><see cref="LedgerFailureReason.ConflictingDuplicate"/>: the trade id was cleared with other terms.</exception>
    public virtual Task<LedgerResult> ClearFillAsync(Fill fill, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fill);
        RequireId(fill.Buyer.AccountId);
        RequireId(fill.Seller.AccountId);
        var entry = LedgerEntries.Fill(fill, _options.FeeAccountId);
        return _processor.RecordAsync(entry, LedgerPartitionKeys.ForFill(fill), requireSamePostings: true, cancellationToken);
    }

    /// <summary>
    /// Returns what is left of <paramref name="orderId"/>'s hold to available (entry <c>release:{orderId}</c>, with no
    /// postings when nothing is left or there never was a hold). Idempotent: a second call answers the first's entry.
    /// </summary>
    public virtual async Task<LedgerResult> ReleaseHoldAsync(string orderId, CancellationToken cancellationToken = default)
    {
        RequireId(orderId);
        var partitionKey = LedgerPartitionKeys.ForOrder(orderId);
        var existing = await _store.ReadEntryAsync(EntryIds.Release(orderId), partitionKey, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return await _processor.ResumeAsync(existing.Document, duplicate: true, cancellationToken).ConfigureAwait(false);
        }

        var entry = new JournalEntry(EntryIds.Release(orderId), JournalEntryKind.Release, []);
        var hold = await _store.ReadEntryAsync(EntryIds.Hold(orderId), partitionKey, cancellationToken).ConfigureAwait(false);
        if (hold is not null)
        {
            // A hold recorded but not yet applied (its runner died) is finished first, so that its amount is released too.
            var held = await _processor.ResumeAsync(hold.Document, duplicate: true, cancellationToken).ConfigureAwait(false);
            if (held.Outcome == LedgerOutcome.Applied && held.Entry!.Postings.FirstOrDefault(p => p.Bucket == LedgerBucket.Held) is { } posting)
            {
                var account = await GetAccountAsync(posting.AccountId, cancellationToken).ConfigureAwait(false);
                var remaining = account.Holds.TryGetValue(orderId, out var left) && string.Equals(left.Asset, posting.Asset, StringComparison.Ordinal) ? left.Amount : 0m;
                entry = LedgerEntries.Release(orderId, posting.AccountId, posting.Asset, remaining);
            }
        }

        return await _processor.RecordAsync(entry, partitionKey, requireSamePostings: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves <paramref name="amount"/> of <paramref name="asset"/> between available balances (entry
    /// <c>transfer:{reference}</c>): deposits from a funding account (whose floor allows it), corrections.
    /// </summary>
    public virtual Task<LedgerResult> TransferAsync(string reference, string fromAccountId, string toAccountId, string asset, decimal amount, CancellationToken cancellationToken = default)
    {
        RequireId(fromAccountId);
        RequireId(toAccountId);
        var entry = LedgerEntries.Transfer(reference, fromAccountId, toAccountId, asset, amount);
        return _processor.RecordAsync(entry, LedgerPartitionKeys.ForTransfer(reference), requireSamePostings: true, cancellationToken);
    }

    /// <summary>
    /// Records a balanced entry built by the caller (the saga's entry for its side of a fill, against the central
    /// counterparty) exactly once under its id, in a partition of its own (<c>posted:{id}</c>). A second delivery with the
    /// same postings answers the first; with other postings it is a <see cref="LedgerFailureReason.ConflictingDuplicate"/>.
    /// </summary>
    public virtual Task<LedgerResult> PostAsync(JournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _processor.RecordAsync(entry, LedgerPartitionKeys.ForPosted(entry.Id), requireSamePostings: true, cancellationToken);
    }

    /// <summary>Sets the floor of <paramref name="asset"/> on <paramref name="accountId"/> (zero unless set; negative for a credit line).</summary>
    public virtual async Task SetFloorAsync(string accountId, string asset, decimal floor, CancellationToken cancellationToken = default)
    {
        RequireId(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        for (var attempt = 0; attempt < _options.MaxConcurrencyAttempts; attempt++)
        {
            var read = await _store.ReadAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            var account = read?.Document ?? DocumentMapping.NewAccount(accountId);
            account.SetState(account.ToState().WithFloor(asset, floor));
            var written = read is null
                ? await _store.CreateAccountAsync(account, cancellationToken).ConfigureAwait(false)
                : await _store.ReplaceAccountAsync(account, read.ETag, cancellationToken).ConfigureAwait(false);
            if (written == WriteResult.Done)
            {
                return;
            }
        }

        throw new LedgerException(LedgerFailureReason.Contention, $"account {accountId} changed on each of {_options.MaxConcurrencyAttempts} attempts to set a floor");
    }

    /// <summary>The account's balances, holds and floors; an account never touched is empty.</summary>
    public virtual async Task<AccountState> GetAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        RequireId(accountId);
        var read = await _store.ReadAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
        return read?.Document.ToState() ?? new AccountState(accountId);
    }

    /// <summary>The entries recorded in <paramref name="window"/>, whatever their status (a cross-partition query).</summary>
    public virtual async IAsyncEnumerable<LedgerEntryRecord> GetEntriesAsync(LedgerWindow window, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var document in _store.QueryEntriesAsync(window.StartMs, window.EndMs, null, cancellationToken).ConfigureAwait(false))
        {
            yield return document.ToRecord();
        }
    }

    /// <summary>The entries whose id starts with <paramref name="idPrefix"/> (<c>fill:600519:</c>: one instrument's fill
    /// entries), whatever their status (a cross-partition query).</summary>
    public virtual async IAsyncEnumerable<LedgerEntryRecord> GetEntriesByIdPrefixAsync(string idPrefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idPrefix);
        await foreach (var document in _store.QueryEntriesByIdPrefixAsync(idPrefix, cancellationToken).ConfigureAwait(false))
        {
            yield return document.ToRecord();
        }
    }

    /// <summary>
    /// Finishes the entries recorded in <paramref name="window"/> that are still pending (their
    /// writer died, or a later account refused them): each is resumed where it stopped, exactly as a retry would.
    /// Safe while writers run.
    /// </summary>
    public virtual async Task<PendingCompletion> CompletePendingAsync(LedgerWindow window, CancellationToken cancellationToken = default)
    {
        var pending = new List<EntryDocument>();
        await foreach (var document in _store.QueryEntriesAsync(window.StartMs, window.EndMs, EntryStatuses.Pending, cancellationToken).ConfigureAwait(false))
        {
            pending.Add(document);
        }

        int completed = 0, refused = 0;
        var stillPending = new List<string>();
        foreach (var document in pending)
        {
            var result = await _processor.ResumeAsync(document, duplicate: true, cancellationToken).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case LedgerOutcome.Applied:
                    completed++;
                    break;
                case LedgerOutcome.Refused:
                    refused++;
                    break;
                default:
                    stillPending.Add(result.EntryId);
                    break;
            }
        }

        return new PendingCompletion(pending.Count, completed, refused, stillPending);
    }

    private static void RequireId(string id, [CallerArgumentExpression(nameof(id))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, name);
        if (id.AsSpan().IndexOfAny(['/', '\\', '?', '#']) >= 0)
        {
            throw new ArgumentException($"'{id}' contains '/', '\\', '?' or '#', which a Cosmos DB id cannot hold", name);
        }
    }
}
