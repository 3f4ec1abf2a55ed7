using Bourse.Adapters.Cosmos;
using Bourse.Domain.Ledger;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Reconciliation.Activities;
using Microsoft.Azure.Cosmos;

namespace Bourse.LocalStack;

/// <summary>What <see cref="LedgerCheck.RunAsync"/> found.</summary>
/// <param name="Accounts">Accounts read.</param>
/// <param name="TotalsByAsset">Each asset's total (available + held) over those accounts: zero when the books balance.</param>
/// <param name="HoldsLeft">Holds still open on those accounts.</param>
/// <param name="EntriesNotComplete">Ledger entries recorded in the window that are not complete (pending or refused).</param>
/// <param name="FillEntries">Fill entries (one per side of a trade) of the instruments checked.</param>
/// <param name="DuplicateFillEntries">Fill entry ids seen more than once (must be none).</param>
public sealed record LedgerCheckResult(
    int Accounts, IReadOnlyDictionary<string, decimal> TotalsByAsset, int HoldsLeft, int EntriesNotComplete, int FillEntries, int DuplicateFillEntries)
{
    /// <summary>Every asset sums to zero, no hold is left, every entry is complete, no fill entry twice.</summary>
    public bool Balanced => TotalsByAsset.Values.All(t => t == 0m) && HoldsLeft == 0 && EntriesNotComplete == 0 && DuplicateFillEntries == 0;
}

/// <summary>
/// The ledger's invariants after a run, read from the system of record: double entry (each asset sums to zero over every
/// account that holds it, customers and system accounts alike), no hold outliving its order, every entry complete, and
/// each fill side posted once.
/// </summary>
public static class LedgerCheck
{
    /// <summary>The system accounts that take the other side of customer postings.</summary>
    public static IReadOnlyList<string> SystemAccounts { get; } =
        [LedgerAccounts.CentralCounterparty, LedgerAccounts.Fees, BackOfficeSeed.Depositary, ClearDirectFillsActivity.SuspenseAccount];

    /// <summary>Checks <paramref name="customerAccounts"/> plus <see cref="SystemAccounts"/> and the entries recorded in
    /// <paramref name="window"/>.</summary>
    public static async Task<LedgerCheckResult> RunAsync(
        CosmosClient client, IEnumerable<string> customerAccounts, IEnumerable<int> instruments, LedgerWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(customerAccounts);
        ArgumentNullException.ThrowIfNull(instruments);
        var ledger = Open(client);
        var totals = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        int accounts = 0, holds = 0;
        foreach (var accountId in customerAccounts.Concat(SystemAccounts).Distinct(StringComparer.Ordinal))
        {
            var state = await ledger.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            accounts++;
            holds += state.Holds.Count;
            foreach (var (asset, balance) in state.Balances)
            {
                totals[asset] = totals.GetValueOrDefault(asset) + balance.Total;
            }
        }

        int notComplete = 0;
        await foreach (var entry in ledger.GetEntriesAsync(window, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Status != LedgerEntryStatus.Complete)
            {
                notComplete++;
            }
        }

        var fills = new List<string>();
        foreach (var instrument in instruments)
        {
            await foreach (var entry in ledger.GetEntriesByIdPrefixAsync($"fill:{instrument}:", cancellationToken).ConfigureAwait(false))
            {
                fills.Add(entry.Entry.Id);
            }
        }

        var duplicates = fills.Count - fills.Distinct(StringComparer.Ordinal).Count();
        return new LedgerCheckResult(accounts, totals, holds, notComplete, fills.Count, duplicates);
    }

    /// <summary>The back office's ledger in the local stack's database.</summary>
    public static CosmosLedger Open(CosmosClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var database = client.GetDatabase(LocalBackOffice.CosmosDatabase);
        var containers = new CosmosLedgerOptions();
        return new CosmosLedger(database.GetContainer(containers.AccountsContainer), database.GetContainer(containers.EntriesContainer));
    }
}
