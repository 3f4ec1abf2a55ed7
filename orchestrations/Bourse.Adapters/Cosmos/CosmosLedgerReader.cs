using System.Globalization;
using Bourse.Domain.Ledger;
using Bourse.Orchestrations.Ports;

namespace Bourse.Adapters.Cosmos;

/// <summary>The back-office API's <see cref="ILedgerReader"/> on <see cref="CosmosLedger"/>.</summary>
public sealed class CosmosLedgerReader(CosmosLedger ledger) : ILedgerReader
{
    /// <inheritdoc/>
    public async ValueTask<AccountState> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        await ledger.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<LedgerEntryView>> GetOrderEntriesAsync(string orderId, int instrumentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var entries = new List<LedgerEntryView>();
        await Collect(EntryIds.Hold(orderId), entries, _ => true, cancellationToken).ConfigureAwait(false);
        // Fill entries are keyed by trade, not by order: an order's are those whose postings move its hold. One
        // instrument's fill entries are scanned; an order's fills are few and the API reads them rarely.
        var fillPrefix = string.Create(CultureInfo.InvariantCulture, $"fill:{instrumentId}:");
        await Collect(fillPrefix, entries, e => e.Postings.Any(p => string.Equals(p.OrderId, orderId, StringComparison.Ordinal)), cancellationToken)
            .ConfigureAwait(false);
        await Collect(EntryIds.Release(orderId), entries, _ => true, cancellationToken).ConfigureAwait(false);
        return entries;
    }

    private async Task Collect(string prefix, List<LedgerEntryView> into, Func<Bourse.Domain.Ledger.JournalEntry, bool> belongs, CancellationToken cancellationToken)
    {
        var found = new List<LedgerEntryView>();
        await foreach (var record in ledger.GetEntriesByIdPrefixAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            // A prefix query for "hold:o-1" also finds "hold:o-10": keep exact ids for holds and releases.
            bool exact = !prefix.StartsWith("fill:", StringComparison.Ordinal);
            if ((exact && !string.Equals(record.Entry.Id, prefix, StringComparison.Ordinal)) || !belongs(record.Entry))
            {
                continue;
            }

            found.Add(new LedgerEntryView(record.Entry.Id, record.Status.ToString(), record.RecordedAt, record.Entry.Postings));
        }

        into.AddRange(found.OrderBy(e => e.RecordedAt).ThenBy(e => e.EntryId, StringComparer.Ordinal));
    }
}
