using Bourse.Adapters.Cosmos;
using Bourse.Domain;
using Bourse.Domain.Ledger;
using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Ports;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;

namespace Bourse.LocalStack;

/// <summary>An account to seed: its owner's KYC data and what it starts with.</summary>
/// <param name="AccountId">The account number (the engine's account is the same number).</param>
/// <param name="CustomerId">Its owner.</param>
/// <param name="CustomerType">Individual or corporate.</param>
/// <param name="CustomerName">As screened against sanctions lists.</param>
/// <param name="CustomerCountry">ISO 3166 alpha-2.</param>
/// <param name="Cash">Opening cash in CNY.</param>
/// <param name="Shares">Opening position in each instrument.</param>
public sealed record SeedAccount(
    string AccountId, string CustomerId, CustomerType CustomerType, string CustomerName, string CustomerCountry, decimal Cash, long Shares);

/// <summary>
/// Puts the reference data and opening balances of a local back office in place: instruments with today's reference
/// prices, accounts with their owners, and deposits of cash and securities from <see cref="Depositary"/>. Idempotent:
/// upserts and deposits with deterministic entry ids, so a second run changes nothing.
/// </summary>
public static class BackOfficeSeed
{
    /// <summary>The system account the opening balances come from (no floor).</summary>
    public const string Depositary = "sys:deposits";

    /// <summary>Seeds <paramref name="instruments"/> and <paramref name="accounts"/> into the back office's database.</summary>
    public static async Task SeedAsync(
        CosmosClient client, string databaseName, IReadOnlyList<LocalInstrument> instruments, IReadOnlyList<SeedAccount> accounts,
        DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(accounts);
        var database = (await client.CreateDatabaseIfNotExistsAsync(databaseName, cancellationToken: cancellationToken).ConfigureAwait(false)).Database;
        var referenceData = new CosmosReferenceData(
            await CosmosReferenceData.CreateContainerIfNotExistsAsync(database, cancellationToken: cancellationToken).ConfigureAwait(false));
        var (ledgerAccounts, ledgerEntries) = await CosmosLedger.CreateContainersIfNotExistsAsync(database, cancellationToken: cancellationToken).ConfigureAwait(false);
        var ledger = new CosmosLedger(ledgerAccounts, ledgerEntries);

        foreach (var instrument in instruments)
        {
            await referenceData.UpsertInstrumentAsync(
                new InstrumentInfo(instrument.Id, instrument.Currency, instrument.TickSize, instrument.LotSize, IsTradable: true,
                    instrument.LowerPriceLimit, instrument.UpperPriceLimit), cancellationToken).ConfigureAwait(false);
            await referenceData.SetReferencePriceAsync(
                instrument.Id, new ReferencePrice(new Money(instrument.ReferencePrice, instrument.Currency), asOf), cancellationToken).ConfigureAwait(false);
        }

        var assets = instruments.Select(i => i.Currency).Distinct(StringComparer.Ordinal).Concat(instruments.Select(i => Assets.Security(i.Id)));
        foreach (var asset in assets)
        {
            await ledger.SetFloorAsync(Depositary, asset, CosmosSagaLedger.SystemFloor, cancellationToken).ConfigureAwait(false);
        }

        foreach (var account in accounts)
        {
            await referenceData.UpsertAccountAsync(
                new AccountInfo(account.AccountId, AccountStatus.Active, account.CustomerId, account.CustomerType, account.CustomerName, account.CustomerCountry),
                cancellationToken).ConfigureAwait(false);
            if (account.Cash > 0)
            {
                await DepositAsync(ledger, account.AccountId, "CNY", account.Cash, cancellationToken).ConfigureAwait(false);
            }

            if (account.Shares > 0)
            {
                foreach (var instrument in instruments)
                {
                    await DepositAsync(ledger, account.AccountId, Assets.Security(instrument.Id), account.Shares, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task DepositAsync(CosmosLedger ledger, string accountId, string asset, decimal amount, CancellationToken cancellationToken)
    {
        var entry = new Bourse.Domain.Ledger.JournalEntry(
            $"deposit:{accountId}:{asset}",
            JournalEntryKind.Transfer,
            [Bourse.Domain.Ledger.Posting.Available(accountId, asset, amount), Bourse.Domain.Ledger.Posting.Available(Depositary, asset, -amount)]);
        var result = await ledger.PostAsync(entry, cancellationToken).ConfigureAwait(false);
        if (result.Outcome != LedgerOutcome.Applied)
        {
            throw new InvalidOperationException($"The deposit {entry.Id} was not applied: {result.Outcome} {result.Refusal?.Detail}");
        }
    }
}
