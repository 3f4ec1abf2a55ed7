namespace Bourse.Orchestrations.Ports;

/// <summary>
/// The account ledger (a port: an adapter keeps it in the system of record). Balances are per (account, asset): a
/// currency (<c>CNY</c>) or a security (<see cref="Assets.Security"/>). Every method is idempotent by its business id,
/// because activities run at least once.
/// </summary>
/// <remarks>Implementations must apply a journal entry atomically and refuse one whose postings do not sum to zero per
/// asset or that would take a customer balance or a hold below zero (<see cref="LedgerAccounts.IsSystem"/> accounts have
/// no floor), unless the entry is <see cref="JournalEntry.AlreadyExecuted"/>.</remarks>
public interface ILedger
{
    /// <summary>
    /// Moves <see cref="HoldRequest.Amount"/> of the account's available balance into a hold named
    /// <see cref="HoldRequest.HoldId"/>. A second call with the same hold id answers what the first did, changing nothing.
    /// </summary>
    /// <returns>Whether the hold is in place; not placed when the available balance is too low (a business answer, not an error).</returns>
    ValueTask<HoldResult> ReserveAsync(HoldRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="entry"/> once: a second call with the same <see cref="JournalEntry.EntryId"/> changes nothing
    /// and answers <see cref="PostingResult.AlreadyPosted"/>.
    /// </summary>
    /// <exception cref="LedgerException">The entry does not balance, or a balance or hold would go below zero (and the entry is
    /// not <see cref="JournalEntry.AlreadyExecuted"/>).</exception>
    ValueTask<PostingResult> PostAsync(JournalEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns what is left of hold <paramref name="holdId"/> to the available balance and closes the hold. Idempotent:
    /// every call answers the same release. An unknown hold releases nothing.
    /// </summary>
    ValueTask<HoldRelease> ReleaseHoldAsync(string holdId, CancellationToken cancellationToken = default);
}

/// <summary>A hold to place.</summary>
/// <param name="HoldId">Its business id (the order id).</param>
/// <param name="AccountId">The account.</param>
/// <param name="Asset">A currency code, or <see cref="Assets.Security"/> of an instrument.</param>
/// <param name="Amount">How much, more than zero.</param>
public sealed record HoldRequest(string HoldId, string AccountId, string Asset, decimal Amount);

/// <summary>The answer to <see cref="ILedger.ReserveAsync"/>.</summary>
/// <param name="Reserved">Whether the hold is in place.</param>
/// <param name="Available">The available balance the ledger saw (before the hold).</param>
public sealed record HoldResult(bool Reserved, decimal Available);

/// <summary>The answer to <see cref="ILedger.ReleaseHoldAsync"/>.</summary>
/// <param name="HoldId">The hold.</param>
/// <param name="Released">What went back to the available balance.</param>
public sealed record HoldRelease(string HoldId, decimal Released);

/// <summary>The answer to <see cref="ILedger.PostAsync"/>.</summary>
public enum PostingResult
{
    /// <summary>The entry was applied now.</summary>
    Posted,

    /// <summary>An entry with this id was applied before; nothing changed.</summary>
    AlreadyPosted,
}

/// <summary>One double-entry journal entry: postings that sum to zero per asset, applied together or not at all.</summary>
/// <param name="EntryId">Deterministic business id, for example <c>fill:{instrumentId}:{tradeId}</c>: exactly once.</param>
/// <param name="Description">For a person.</param>
/// <param name="Postings">The postings.</param>
/// <param name="AlreadyExecuted">The entry records a trade the engine executed with no hold behind it (direct order entry):
/// the ledger applies it even where it leaves a customer balance below its floor, because refusing it would not undo the
/// trade. Whoever posts one reports such a balance.</param>
public sealed record JournalEntry(string EntryId, string Description, IReadOnlyList<Posting> Postings, bool AlreadyExecuted = false);

/// <summary>One line of a journal entry: a credit (positive) or debit (negative) of one asset on one account.</summary>
/// <param name="Account">A customer account or one of <see cref="LedgerAccounts"/>.</param>
/// <param name="Asset">A currency code or <see cref="Assets.Security"/>.</param>
/// <param name="Amount">Signed; a posting on a hold must be negative (it consumes the hold).</param>
/// <param name="HoldId">When set, the posting draws on this hold instead of the available balance.</param>
public sealed record Posting(string Account, string Asset, decimal Amount, string? HoldId = null);

/// <summary>The ledger's own accounts.</summary>
public static class LedgerAccounts
{
    /// <summary>The central counterparty of every trade: receives the buyer's cash and the seller's securities, and delivers them.</summary>
    public const string CentralCounterparty = "sys:ccp";

    /// <summary>Fee income.</summary>
    public const string Fees = "sys:fees";

    /// <summary>Whether <paramref name="account"/> is one of the ledger's own (no balance floor).</summary>
    public static bool IsSystem(string account) => account.StartsWith("sys:", StringComparison.Ordinal);
}

/// <summary>Asset codes of the ledger.</summary>
public static class Assets
{
    /// <summary>The asset code of instrument <paramref name="instrumentId"/>'s securities: <c>SEC:600519</c>.</summary>
    public static string Security(int instrumentId) =>
        "SEC:" + instrumentId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The ledger refused a request (unbalanced entry, a balance below its floor, an id reused with other content).</summary>
public sealed class LedgerException : Exception
{
    /// <summary>A refusal.</summary>
    public LedgerException(string message) : base(message) { }

    /// <summary>A refusal.</summary>
    public LedgerException() { }

    /// <summary>A refusal with its cause.</summary>
    public LedgerException(string message, Exception innerException) : base(message, innerException) { }
}
