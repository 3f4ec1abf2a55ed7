using AccountState = Bourse.Domain.Ledger.AccountState;

namespace Bourse.Orchestrations.Ports;

/// <summary>
/// What the back-office API reads from the ledger (a port: an adapter reads the system of record). Reads only: every
/// write goes through the saga's <see cref="ILedger"/>.
/// </summary>
public interface ILedgerReader
{
    /// <summary>The account's balances, holds and floors; an account never touched is empty.</summary>
    ValueTask<AccountState> GetAccountAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entries of one order: its hold (<c>hold:{orderId}</c>), its fills on <paramref name="instrumentId"/>
    /// (<see cref="OrderToClearing.FillJournal.EntryId"/>, recognised by the postings against the order's hold) and its
    /// release (<c>release:{orderId}</c>), in that order; empty when the saga has written nothing yet.
    /// </summary>
    ValueTask<IReadOnlyList<LedgerEntryView>> GetOrderEntriesAsync(string orderId, int instrumentId, CancellationToken cancellationToken = default);
}

/// <summary>One journal entry as the ledger recorded it.</summary>
/// <param name="EntryId">Its deterministic id.</param>
/// <param name="Status">Pending, Complete or Refused.</param>
/// <param name="RecordedAt">When it was first recorded (the ledger's clock).</param>
/// <param name="Postings">Its postings (they sum to zero per asset).</param>
public sealed record LedgerEntryView(string EntryId, string Status, DateTimeOffset RecordedAt, IReadOnlyList<Bourse.Domain.Ledger.Posting> Postings);
