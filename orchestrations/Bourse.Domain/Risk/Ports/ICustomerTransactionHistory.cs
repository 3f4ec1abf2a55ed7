namespace Bourse.Domain.Risk.Ports;

/// <summary>
/// A customer's recent transactions (a port: an adapter reads them from the system of record). The rules ask once per
/// evaluation, for everything since the earlier of the start of the business day and the start of the structuring window.
/// </summary>
public interface ICustomerTransactionHistory
{
    /// <summary>
    /// The transactions of <paramref name="customerId"/> made at or after <paramref name="since"/> that count towards
    /// large-value aggregates: executed and pending, not cancelled or rejected. Whether the transaction being judged is
    /// among them does not matter (the rules leave out the one whose id is the subject's order id).
    /// </summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="since">The earliest instant wanted.</param>
    /// <param name="cancellationToken">Cancelled at the evaluation's deadline.</param>
    ValueTask<IReadOnlyList<PastTransaction>> GetTransactionsAsync(string customerId, DateTimeOffset since, CancellationToken cancellationToken = default);
}
