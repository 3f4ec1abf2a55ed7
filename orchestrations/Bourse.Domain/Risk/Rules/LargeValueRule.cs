using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Ports;

namespace Bourse.Domain.Risk.Rules;

/// <summary>
/// AML large-value reporting (<see cref="LargeValueOptions"/>): flags a transaction that, alone or with the customer's
/// other transactions of the business day under the same threshold, is at or above its threshold. Never rejects.
/// </summary>
public sealed class LargeValueRule : IRiskRule
{
    /// <inheritdoc/>
    public string Id => RiskRuleIds.LargeValue;

    /// <inheritdoc/>
    public async ValueTask<RuleVerdict> EvaluateAsync(RiskEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        LargeValueOptions options = context.RuleSet.LargeValue;
        if (!options.Enabled)
        {
            return Inputs.Disabled("large-value");
        }

        RiskSubject subject = context.Subject;
        Money amount = subject.Notional;
        LargeValueThreshold? threshold = Governing(options, subject, amount.Currency, subject.Channel, subject.IsCrossBorder);
        if (threshold is null)
        {
            return RuleVerdict.Pass(RiskReasonCodes.AmlNoThreshold, $"No large-value threshold applies to {amount.Currency} {subject.Channel} of a {subject.CustomerType} customer.",
                new Dictionary<string, string>
                {
                    ["currency"] = amount.Currency,
                    ["channel"] = subject.Channel.ToString(),
                    ["customerType"] = subject.CustomerType.ToString(),
                    ["crossBorder"] = subject.IsCrossBorder ? "true" : "false",
                });
        }

        var inputs = new Dictionary<string, string>
        {
            ["threshold"] = threshold.ToString(),
            ["amount"] = amount.ToString(),
        };
        if (amount.Amount >= threshold.Amount)
        {
            return RuleVerdict.Flag(RiskReasonCodes.AmlLargeValueSingle, $"The transaction of {amount} is at or above the large-value threshold {threshold}.", inputs);
        }

        IReadOnlyList<PastTransaction> recent = await context.GetRecentTransactionsAsync(cancellationToken).ConfigureAwait(false);
        PastTransaction[] today = [.. recent.Where(t => t.At >= context.BusinessDayStart
            && ReferenceEquals(Governing(options, subject, t.Amount.Currency, t.Channel, t.IsCrossBorder), threshold))];
        decimal total = amount.Amount + today.Sum(t => t.Amount.Amount);
        inputs["businessDay"] = Inputs.Of(context.BusinessDay);
        inputs["dailyTotal"] = new Money(total, amount.Currency).ToString();
        inputs["dailyCount"] = Inputs.Of(today.Length + 1);
        if (total >= threshold.Amount)
        {
            inputs["dailyTransactions"] = string.Join(",", today.Select(t => t.TransactionId));
            return RuleVerdict.Flag(RiskReasonCodes.AmlLargeValueDaily,
                $"Today's total of {total} {amount.Currency} ({today.Length + 1} transactions, this one included) is at or above the large-value threshold {threshold}.", inputs);
        }

        return RuleVerdict.Pass(RiskReasonCodes.AmlBelowThreshold, $"Below the large-value threshold {threshold}, alone and with today's total.", inputs);
    }

    private static LargeValueThreshold? Governing(LargeValueOptions options, RiskSubject subject, string currency, TransactionChannel channel, bool crossBorder) =>
        LargeValueThresholds.Governing(options.Thresholds, currency, channel, subject.CustomerType, crossBorder);
}
