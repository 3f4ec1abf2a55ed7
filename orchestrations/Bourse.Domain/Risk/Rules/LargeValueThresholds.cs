using Bourse.Domain.Risk.Configuration;

namespace Bourse.Domain.Risk.Rules;

/// <summary>Which large-value threshold governs a transaction (shared by the large-value and the structuring rules).</summary>
internal static class LargeValueThresholds
{
    /// <summary>
    /// The most specific threshold matching the transaction; among equally specific ones the lowest amount, then the
    /// first listed; <see langword="null"/> when none matches.
    /// </summary>
    public static LargeValueThreshold? Governing(
        IList<LargeValueThreshold> thresholds, string currency, TransactionChannel channel, CustomerType customerType, bool crossBorder)
    {
        LargeValueThreshold? best = null;
        foreach (LargeValueThreshold threshold in thresholds)
        {
            if (!threshold.Matches(currency, channel, customerType, crossBorder))
            {
                continue;
            }

            if (best is null || threshold.Specificity > best.Specificity
                || (threshold.Specificity == best.Specificity && threshold.Amount < best.Amount))
            {
                best = threshold;
            }
        }

        return best;
    }
}
