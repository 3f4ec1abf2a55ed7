namespace Bourse.Domain.Risk.Configuration;

/// <summary>
/// The pre-trade risk rules as data: thresholds, lists, limits and percentages, with a version that every decision
/// records. Bound from configuration section <c>RiskRules</c> (see <see cref="RiskServiceCollectionExtensions"/>), checked
/// by <see cref="RiskRuleSetValidator"/>, and read through <c>IOptionsMonitor</c>: a change to the configuration takes
/// effect for the next evaluation. A rule set is treated as immutable once read; change the configuration, not the object.
/// </summary>
public sealed class RiskRuleSet
{
    /// <summary>The configuration section the rule set binds from.</summary>
    public const string SectionName = "RiskRules";

    /// <summary>Names this rule set in every decision (for example <c>2026-11-25.1</c>). Change it with every change.</summary>
    /// <value>No default: required, at most 64 characters.</value>
    public string Version { get; set; } = "";

    /// <summary>All rules run in parallel under this one deadline; a rule that has not answered by then rejects.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The time zone (IANA id) whose calendar day is the business day of daily aggregates and limits.</summary>
    /// <value>The default value is <c>Asia/Shanghai</c>.</value>
    public string BusinessTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>AML large-value thresholds.</summary>
    public LargeValueOptions LargeValue { get; set; } = new();

    /// <summary>AML structuring: runs of transactions just below a large-value threshold.</summary>
    public StructuringOptions Structuring { get; set; } = new();

    /// <summary>Sanctions screening of customer and counterparty names.</summary>
    public SanctionsOptions Sanctions { get; set; } = new();

    /// <summary>High-risk jurisdictions.</summary>
    public JurisdictionOptions Jurisdictions { get; set; } = new();

    /// <summary>Per-account daily notional limits of securities orders.</summary>
    public DailyNotionalLimitOptions DailyNotionalLimit { get; set; } = new();

    /// <summary>The band around the reference price that a limit price must fall in.</summary>
    public PriceBandOptions PriceBand { get; set; } = new();
}
