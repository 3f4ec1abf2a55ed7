namespace Bourse.Domain.Risk;

/// <summary>The ids of the built-in rules, as they appear in <see cref="RuleOutcome.RuleId"/>.</summary>
public static class RiskRuleIds
{
    /// <summary>AML large-value thresholds, single transaction or daily aggregate (<see cref="Rules.LargeValueRule"/>).</summary>
    public const string LargeValue = "aml.large-value";

    /// <summary>Several transactions just below a threshold (<see cref="Rules.StructuringRule"/>).</summary>
    public const string Structuring = "aml.structuring";

    /// <summary>Customer and counterparty names against the sanctions list (<see cref="Rules.SanctionsRule"/>).</summary>
    public const string Sanctions = "sanctions.screening";

    /// <summary>Customer and counterparty countries against the high-risk jurisdictions (<see cref="Rules.JurisdictionRule"/>).</summary>
    public const string Jurisdiction = "jurisdiction.high-risk";

    /// <summary>The account's daily notional limit (<see cref="Rules.DailyNotionalLimitRule"/>).</summary>
    public const string DailyNotionalLimit = "limits.daily-notional";

    /// <summary>The limit price against the reference price (<see cref="Rules.PriceBandRule"/>).</summary>
    public const string PriceBand = "price.band";

    /// <summary>Not a rule: the id of the single outcome of a decision whose rule set could not be read.</summary>
    public const string RuleSet = "rule-set";
}
