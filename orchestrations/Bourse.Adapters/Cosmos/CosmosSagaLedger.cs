using System.Collections.Concurrent;
using System.Globalization;
using Bourse.Domain.Risk;
using Bourse.Domain.Ledger;
using Ports = Bourse.Orchestrations.Ports;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// The saga's <see cref="Ports.ILedger"/> on <see cref="CosmosLedger"/>: holds by order id, the saga's per-side fill
/// entries posted exactly once under their ids, releases.
/// </summary>
/// <remarks>
/// <para>The saga's system accounts (<see cref="Ports.LedgerAccounts.IsSystem"/>: the central counterparty, fee income)
/// have no floor, as the port says: before the first entry that debits one in an asset, this adapter sets that asset's
/// floor there to <see cref="SystemFloor"/> (idempotent; remembered per process so it is written once).</para>
/// <para>An <see cref="Ports.JournalEntry.AlreadyExecuted"/> entry (a direct-entry fill) is recorded as a
/// <see cref="JournalEntryKind.DirectFill"/>, which the ledger applies even below a customer account's floor.</para>
/// </remarks>
public sealed class CosmosSagaLedger(CosmosLedger ledger) : Ports.ILedger, Ports.IFillEntryReader
{
    /// <summary>The floor of a system account: unbounded in practice, still a decimal a document can hold.</summary>
    public const decimal SystemFloor = -1_000_000_000_000_000m;

    private readonly ConcurrentDictionary<(string Account, string Asset), bool> _unbounded = new();

    public async ValueTask<Ports.HoldResult> ReserveAsync(Ports.HoldRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await ledger.ReserveAsync(request.HoldId, request.AccountId, request.Asset, request.Amount, cancellationToken).ConfigureAwait(false);
        var account = await ledger.GetAccountAsync(request.AccountId, cancellationToken).ConfigureAwait(false);
        var available = account.BalanceOf(request.Asset).Available;
        return result.Outcome switch
        {
            // The port reports the balance seen before the hold.
            LedgerOutcome.Applied => new Ports.HoldResult(true, available + request.Amount),
            LedgerOutcome.Refused => new Ports.HoldResult(false, available),
            _ => throw new Ports.LedgerException($"Hold {request.HoldId} is pending: {result.Refusal?.Detail}"),
        };
    }

    public async ValueTask<Ports.PostingResult> PostAsync(Ports.JournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        JournalEntry domainEntry;
        try
        {
            var kind = entry.AlreadyExecuted ? JournalEntryKind.DirectFill : JournalEntryKind.Fill;
            domainEntry = new JournalEntry(entry.EntryId, kind, entry.Postings.Select(p => p.HoldId is null
                ? Posting.Available(p.Account, p.Asset, p.Amount)
                : Posting.Held(p.Account, p.Asset, p.Amount, p.HoldId)));
        }
        catch (ArgumentException e)
        {
            throw new Ports.LedgerException($"Entry {entry.EntryId} is malformed: {e.Message}", e);
        }

        foreach (var posting in entry.Postings.Where(p => p.Amount < 0 && Ports.LedgerAccounts.IsSystem(p.Account)))
        {
            if (_unbounded.TryAdd((posting.Account, posting.Asset), true))
            {
                await ledger.SetFloorAsync(posting.Account, posting.Asset, SystemFloor, cancellationToken).ConfigureAwait(false);
            }
        }

        var result = await ledger.PostAsync(domainEntry, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            LedgerOutcome.Applied => result.Duplicate ? Ports.PostingResult.AlreadyPosted : Ports.PostingResult.Posted,
            LedgerOutcome.Refused => throw new Ports.LedgerException($"Entry {entry.EntryId} was refused: {result.Refusal?.Detail}"),
            // Recorded but not applied everywhere yet: a retry (the activity's, or reconciliation) finishes it.
            _ => throw new InvalidOperationException($"Entry {entry.EntryId} is pending: {result.Refusal?.Detail}"),
        };
    }

    public async ValueTask<Ports.HoldRelease> ReleaseHoldAsync(string holdId, CancellationToken cancellationToken = default)
    {
        var result = await ledger.ReleaseHoldAsync(holdId, cancellationToken).ConfigureAwait(false);
        var released = result.Entry?.Postings.Where(p => p.Bucket == LedgerBucket.Available && p.Amount > 0).Sum(p => p.Amount) ?? 0m;
        return new Ports.HoldRelease(holdId, released);
    }

    /// <summary>The saga's per-side fill entries (<c>fill:{instrument}:{trade}:{buy|sell}</c>) of a range of trades; entries of
    /// another shape under the prefix (the buyer↔seller entries of <see cref="CosmosLedger.ClearFillAsync"/>) are left out.</summary>
    public async ValueTask<IReadOnlyList<Ports.FillEntryInfo>> GetFillEntriesAsync(
        int instrumentId, long fromTradeId, long toTradeId, CancellationToken cancellationToken = default)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"fill:{instrumentId}:");
        var found = new List<Ports.FillEntryInfo>();
        await foreach (var record in ledger.GetEntriesByIdPrefixAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var parts = record.Entry.Id[prefix.Length..].Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var trade)
                && trade >= fromTradeId && trade <= toTradeId && parts[1] is "buy" or "sell")
            {
                found.Add(new Ports.FillEntryInfo(
                    record.Entry.Id, instrumentId, trade, parts[1] == "buy" ? OrderSide.Buy : OrderSide.Sell, record.Status == LedgerEntryStatus.Complete));
            }
        }

        return found;
    }
}
