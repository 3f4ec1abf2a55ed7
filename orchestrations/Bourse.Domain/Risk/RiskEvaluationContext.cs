using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Ports;

namespace Bourse.Domain.Risk;

/// <summary>
/// What the rules of one evaluation share: the subject, the rule set read once at the start (so a reload during an
/// evaluation cannot mix two versions), the time, the business day, and the customer's recent transactions, fetched once
/// for all the rules that need them.
/// </summary>
public sealed class RiskEvaluationContext
{
    private readonly Lazy<Task<IReadOnlyList<PastTransaction>>> _recentTransactions;

    internal RiskEvaluationContext(
        RiskSubject subject, RiskRuleSet ruleSet, DateTimeOffset now, TimeZoneInfo businessTimeZone,
        ICustomerTransactionHistory transactionHistory, CancellationToken deadline)
    {
        Subject = subject;
        RuleSet = ruleSet;
        Now = now;
        BusinessTimeZone = businessTimeZone;
        (BusinessDay, BusinessDayStart) = BusinessCalendar.DayOf(now, businessTimeZone);
        DateTimeOffset windowStart = now - ruleSet.Structuring.Window;
        RecentSince = windowStart < BusinessDayStart ? windowStart : BusinessDayStart;
        _recentTransactions = new(() => FetchRecentAsync(transactionHistory, deadline), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>What is judged.</summary>
    public RiskSubject Subject { get; }

    /// <summary>The rule set of this evaluation.</summary>
    public RiskRuleSet RuleSet { get; }

    /// <summary>When the evaluation started.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The zone of <see cref="BusinessDay"/>.</summary>
    public TimeZoneInfo BusinessTimeZone { get; }

    /// <summary>The calendar day of <see cref="Now"/> in <see cref="BusinessTimeZone"/>.</summary>
    public DateOnly BusinessDay { get; }

    /// <summary>The first instant of <see cref="BusinessDay"/>.</summary>
    public DateTimeOffset BusinessDayStart { get; }

    /// <summary>How far back <see cref="GetRecentTransactionsAsync"/> reaches: the earlier of <see cref="BusinessDayStart"/> and
    /// the start of the structuring window.</summary>
    public DateTimeOffset RecentSince { get; }

    /// <summary>
    /// The customer's transactions since <see cref="RecentSince"/>, without the subject itself (a transaction whose id is
    /// <see cref="RiskSubject.OrderId"/>). Fetched once per evaluation, on first use.
    /// </summary>
    public Task<IReadOnlyList<PastTransaction>> GetRecentTransactionsAsync(CancellationToken cancellationToken) =>
        _recentTransactions.Value.WaitAsync(cancellationToken);

    private async Task<IReadOnlyList<PastTransaction>> FetchRecentAsync(ICustomerTransactionHistory history, CancellationToken deadline)
    {
        IReadOnlyList<PastTransaction>? all = await history.GetTransactionsAsync(Subject.CustomerId, RecentSince, deadline).ConfigureAwait(false);
        if (all is null)
        {
            throw new InvalidOperationException($"{history.GetType().Name}.{nameof(history.GetTransactionsAsync)} returned null");
        }

        return [.. all.Where(t => !string.Equals(t.TransactionId, Subject.OrderId, StringComparison.Ordinal))];
    }
}
