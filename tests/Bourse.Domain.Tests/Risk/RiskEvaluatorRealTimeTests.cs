using System.Diagnostics;
using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bourse.Domain.Tests.Risk;

/// <summary>The deadline and the parallelism of <see cref="RiskEvaluator"/> on the real clock (bounds generous for a shared machine).</summary>
[Collection(RealTime.Name)]
public sealed class RiskEvaluatorRealTimeTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly RiskHarness _harness = new();

    [Fact]
    public async Task The_evaluation_returns_at_about_the_deadline_in_real_time()
    {
        var ruleSet = TestRuleSets.China();
        ruleSet.Deadline = TimeSpan.FromMilliseconds(300);
        using var release = new ManualResetEventSlim();
        var evaluator = new RiskEvaluator(
            [SlowRules.Hanging("hanging"), SlowRules.WaitingForever("waiting"), SlowRules.Blocking("blocking", release)],
            new MutableOptionsMonitor<RiskRuleSet>(ruleSet), _harness.History, TimeProvider.System,
            NullLogger<RiskEvaluator>.Instance);

        var stopwatch = Stopwatch.StartNew();
        RiskDecision decision = await evaluator.EvaluateAsync(Subjects.Cash(1_000m)).WaitAsync(Generous);
        TimeSpan elapsed = stopwatch.Elapsed;
        release.Set();

        Assert.All(decision.Rules, r => Assert.Equal(RiskReasonCodes.RuleTimeout, r.ReasonCode));
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(300 + 1_500));
    }

    [Fact]
    public async Task Several_slow_rules_finish_in_about_one_rules_time_in_real_time()
    {
        IRiskRule[] rules = [.. Enumerable.Range(0, 5).Select(i => SlowRules.Delayed($"slow-{i}", TimeSpan.FromMilliseconds(400), TimeProvider.System))];
        var evaluator = new RiskEvaluator(rules, _harness.RuleSets, _harness.History, TimeProvider.System, NullLogger<RiskEvaluator>.Instance);

        var stopwatch = Stopwatch.StartNew();
        RiskDecision decision = await evaluator.EvaluateAsync(Subjects.Cash(1_000m)).WaitAsync(Generous);

        Assert.All(decision.Rules, r => Assert.Equal("SLOW_OK", r.ReasonCode));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(1_500), $"five 400 ms rules took {stopwatch.Elapsed} (one after another: 2 s)");
    }
}
