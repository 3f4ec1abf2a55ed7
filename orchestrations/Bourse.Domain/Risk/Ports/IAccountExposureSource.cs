namespace Bourse.Domain.Risk.Ports;

/// <summary>An account's daily notional so far (a port: an adapter reads it from the account ledger and the open orders).</summary>
public interface IAccountExposureSource
{
    /// <summary>
    /// The executed and pending notional of <paramref name="accountId"/> on <paramref name="businessDay"/> in
    /// <paramref name="currency"/>, not counting the order <paramref name="excludingOrderId"/> (the one being judged, which
    /// the rule adds itself: a retried evaluation must not count it twice).
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="businessDay">The day in the rule set's business time zone.</param>
    /// <param name="currency">ISO 4217 code; both amounts of the answer are in it.</param>
    /// <param name="excludingOrderId">The order being judged.</param>
    /// <param name="cancellationToken">Cancelled at the evaluation's deadline.</param>
    ValueTask<AccountExposure> GetDailyExposureAsync(
        string accountId, DateOnly businessDay, string currency, string excludingOrderId, CancellationToken cancellationToken = default);
}
