using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Ports;

namespace Bourse.Domain.Risk.Rules;

/// <summary>
/// AML structuring (<see cref="StructuringOptions"/>): flags a transaction just below the large-value threshold that
/// governs it when, with it, enough of the customer's transactions within the window are just below theirs.
/// Never rejects.
/// </summary>
public sealed class StructuringRule : IRiskRule
{
    /// <inheritdoc/>
    public string Id => RiskRuleIds.Structuring;

    /// <inheritdoc/>
    public async ValueTask<RuleVerdict> EvaluateAsync(RiskEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        StructuringOptions options = context.RuleSet.Structuring;
        if (!options.Enabled)
        {
            return Inputs.Disabled("structuring");
        }

        RiskSubject subject = context.Subject;
        IList<LargeValueThreshold> thresholds = context.RuleSet.LargeValue.Thresholds;
        LargeValueThreshold? threshold = LargeValueThresholds.Governing(thresholds, subject.Notional.Currency, subject.Channel, subject.CustomerType, subject.IsCrossBorder);
        var inputs = new Dictionary<string, string>
        {
            ["amount"] = subject.Notional.ToString(),
            ["bandPercent"] = Inputs.Of(options.BandPercent),
        };
        if (threshold is null || !JustBelow(subject.Notional.Amount, threshold, options.BandPercent))
        {
            inputs["threshold"] = threshold?.ToString() ?? "none";
            return RuleVerdict.Pass(RiskReasonCodes.StructuringNotDetected, "The transaction is not just below a large-value threshold.", inputs);
        }

        IReadOnlyList<PastTransaction> recent = await context.GetRecentTransactionsAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset windowStart = context.Now - options.Window;
        PastTransaction[] near = [.. recent.Where(t => t.At > windowStart && JustBelow(t, subject.CustomerType, thresholds, options.BandPercent))];
        int count = near.Length + 1;
        inputs["threshold"] = threshold.ToString();
        inputs["window"] = Inputs.Of(options.Window);
        inputs["windowStart"] = Inputs.Of(windowStart);
        inputs["count"] = Inputs.Of(count);
        inputs["minCount"] = Inputs.Of(options.MinCount);
        if (count >= options.MinCount)
        {
            inputs["transactions"] = string.Join(",", near.Select(t => t.TransactionId));
            return RuleVerdict.Flag(RiskReasonCodes.StructuringSuspected,
                $"{count} transactions (this one included) within {Inputs.Of(options.Window)} are just below a large-value threshold (within {Inputs.Of(options.BandPercent)}%).", inputs);
        }

        return RuleVerdict.Pass(RiskReasonCodes.StructuringNotDetected,
            $"{count} transactions just below a threshold within the window; {options.MinCount} make a flag.", inputs);
    }

    private static bool JustBelow(PastTransaction transaction, CustomerType customerType, IList<LargeValueThreshold> thresholds, decimal bandPercent)
    {
        LargeValueThreshold? threshold = LargeValueThresholds.Governing(thresholds, transaction.Amount.Currency, transaction.Channel, customerType, transaction.IsCrossBorder);
        return threshold is not null && JustBelow(transaction.Amount.Amount, threshold, bandPercent);
    }

    private static bool JustBelow(decimal amount, LargeValueThreshold threshold, decimal bandPercent) =>
        amount < threshold.Amount && amount >= threshold.Amount * (1m - (bandPercent / 100m));
}
