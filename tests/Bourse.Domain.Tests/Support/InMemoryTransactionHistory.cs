using Bourse.Domain.Risk.Ports;

namespace Bourse.Domain.Tests.Support;

/// <summary>An in-memory <see cref="ICustomerTransactionHistory"/>: a list of transactions per customer, and the calls made.</summary>
internal sealed class InMemoryTransactionHistory : ICustomerTransactionHistory
{
    private readonly List<(string CustomerId, PastTransaction Transaction)> _transactions = [];
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public DateTimeOffset? LastSince { get; private set; }

    public Exception? Failure { get; set; }

    public void Add(string customerId, PastTransaction transaction) => _transactions.Add((customerId, transaction));

    public ValueTask<IReadOnlyList<PastTransaction>> GetTransactionsAsync(string customerId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        LastSince = since;
        if (Failure is not null)
        {
            throw Failure;
        }

        IReadOnlyList<PastTransaction> found = [.. _transactions.Where(t => t.CustomerId == customerId && t.Transaction.At >= since).Select(t => t.Transaction)];
        return ValueTask.FromResult(found);
    }
}
