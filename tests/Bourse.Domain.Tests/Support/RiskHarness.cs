using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Ports;
using Bourse.Domain.Risk.Rules;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.Domain.Tests.Support;

/// <summary>
/// A <see cref="RiskEvaluator"/> over real rules, with in-memory ports and a fake clock at 2026-03-10 10:00 in Shanghai
/// (02:00 UTC): business day 2026-03-10, which started at 2026-03-09T16:00Z.
/// </summary>
internal sealed class RiskHarness
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset BusinessDayStart = new(2026, 3, 9, 16, 0, 0, TimeSpan.Zero);

    public RiskHarness(RiskRuleSet? ruleSet = null)
    {
        RuleSets = new MutableOptionsMonitor<RiskRuleSet>(ruleSet ?? TestRuleSets.China());
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public InMemoryTransactionHistory History { get; } = new();

    public InMemoryExposures Exposures { get; } = new();

    public InMemoryReferencePrices ReferencePrices { get; } = new();

    public MutableOptionsMonitor<RiskRuleSet> RuleSets { get; }

    public RiskRuleSet RuleSet => RuleSets.CurrentValue;

    public IRiskRule[] BuiltInRules() =>
    [
        new LargeValueRule(),
        new StructuringRule(),
        new SanctionsRule(),
        new JurisdictionRule(),
        new DailyNotionalLimitRule(Exposures),
        new PriceBandRule(ReferencePrices),
    ];

    public RiskEvaluator Evaluator(params IRiskRule[] rules) =>
        new(rules.Length == 0 ? BuiltInRules() : rules, RuleSets, History, Time, NullLogger<RiskEvaluator>.Instance);

    /// <summary>Evaluates with only <paramref name="rule"/> and returns its outcome.</summary>
    public async Task<RuleOutcome> RunAsync(IRiskRule rule, RiskSubject subject)
    {
        RiskDecision decision = await Evaluator(rule).EvaluateAsync(subject);
        return Assert.Single(decision.Rules);
    }

    public void AddPast(string id, TimeSpan ago, decimal amount, TransactionChannel channel, string currency = "CNY", bool crossBorder = false) =>
        History.Add(Subjects.Customer, new PastTransaction(id, Time.GetUtcNow() - ago, new Money(amount, currency), channel, crossBorder));

    public void AddPastAt(string id, DateTimeOffset at, decimal amount, TransactionChannel channel, string currency = "CNY", bool crossBorder = false) =>
        History.Add(Subjects.Customer, new PastTransaction(id, at, new Money(amount, currency), channel, crossBorder));
}
