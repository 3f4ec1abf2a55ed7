namespace Bourse.Domain.Ledger;

/// <summary>
/// One line of a <see cref="JournalEntry"/>: <paramref name="Amount"/> of <paramref name="Asset"/> into (positive) or out
/// of (negative) <paramref name="AccountId"/>'s <paramref name="Bucket"/>.
/// </summary>
/// <param name="AccountId">The account; non-empty.</param>
/// <param name="Asset">A currency code (<c>CNY</c>) or an instrument id (<c>XSHG:600000</c>); non-empty.</param>
/// <param name="Amount">Non-zero; a decimal, never binary floating point.</param>
/// <param name="Bucket">Available, or held for <paramref name="OrderId"/>.</param>
/// <param name="OrderId">The order whose hold a <see cref="LedgerBucket.Held"/> posting moves; null for available.</param>
public sealed record Posting(string AccountId, string Asset, decimal Amount, LedgerBucket Bucket = LedgerBucket.Available, string? OrderId = null)
{
    /// <summary>A posting to available.</summary>
    public static Posting Available(string accountId, string asset, decimal amount) => new(accountId, asset, amount);

    /// <summary>A posting to the hold of <paramref name="orderId"/>.</summary>
    public static Posting Held(string accountId, string asset, decimal amount, string orderId) =>
        new(accountId, asset, amount, LedgerBucket.Held, orderId);
}
