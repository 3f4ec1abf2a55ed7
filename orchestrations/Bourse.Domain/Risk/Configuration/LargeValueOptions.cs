namespace Bourse.Domain.Risk.Configuration;

/// <summary>AML large-value reporting: a transaction, or a customer's daily total, at or above a threshold is flagged.</summary>
public sealed class LargeValueOptions
{
    /// <summary>Whether the rule runs (when off it passes with <see cref="RiskReasonCodes.RuleDisabled"/>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The thresholds. A transaction is governed by the most specific threshold that matches it (the one with the most
    /// of <see cref="LargeValueThreshold.Channel"/>, <see cref="LargeValueThreshold.CustomerType"/> and
    /// <see cref="LargeValueThreshold.CrossBorder"/> set); among equally specific ones, the lowest amount. A transaction no
    /// threshold matches passes with <see cref="RiskReasonCodes.AmlNoThreshold"/>.
    /// </summary>
    /// <value>The default value is no threshold.</value>
    public IList<LargeValueThreshold> Thresholds { get; } = [];
}
