using System.Text.Json;
using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Ports;
using Bourse.Domain.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bourse.Domain.Tests.Risk;

public sealed class RiskEvaluatorTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly RiskHarness _harness = new();

    public RiskEvaluatorTests() =>
        _harness.ReferencePrices.Set("600519", new ReferencePrice(new Money(100m, "CNY"), RiskHarness.BusinessDayStart));

    [Fact]
    public async Task A_clean_order_passes_every_built_in_rule_and_the_decision_records_all_of_them()
    {
        RiskSubject subject = Subjects.LimitOrder(101m);

        RiskDecision decision = await _harness.Evaluator().EvaluateAsync(subject);

        Assert.Equal(VerdictKind.Pass, decision.Outcome);
        Assert.True(decision.IsAllowed);
        Assert.Same(subject, decision.Subject);
        Assert.Equal("test-1", decision.RuleSetVersion);
        Assert.Equal(RiskHarness.Start, decision.EvaluatedAt);
        Assert.Equal(new DateOnly(2026, 3, 10), decision.BusinessDay);
        Assert.Equal("Asia/Shanghai", decision.BusinessTimeZone);
        Assert.Equal(TimeSpan.FromSeconds(2), decision.Deadline);
        Assert.Equal(
            [RiskRuleIds.LargeValue, RiskRuleIds.Structuring, RiskRuleIds.Sanctions, RiskRuleIds.Jurisdiction, RiskRuleIds.DailyNotionalLimit, RiskRuleIds.PriceBand],
            decision.Rules.Select(r => r.RuleId));
        Assert.All(decision.Rules, r => Assert.Equal(VerdictKind.Pass, r.Kind));
        Assert.All(decision.Rules, r => Assert.False(string.IsNullOrEmpty(r.ReasonCode)));
    }

    [Fact]
    public async Task A_flag_and_a_pass_make_a_flag_and_any_reject_makes_a_reject()
    {
        RiskDecision flagged = await _harness.Evaluator().EvaluateAsync(Subjects.Cash(60_000m));
        RiskDecision rejected = await _harness.Evaluator().EvaluateAsync(Subjects.Cash(60_000m) with { CustomerCountry = "KP" });

        Assert.Equal(VerdictKind.Flag, flagged.Outcome);
        Assert.True(flagged.IsAllowed);
        Assert.Equal([RiskReasonCodes.AmlLargeValueSingle], flagged.OutcomesOf(VerdictKind.Flag).Select(r => r.ReasonCode));
        Assert.Equal(VerdictKind.Reject, rejected.Outcome);
        Assert.False(rejected.IsAllowed);
        Assert.Equal([RiskReasonCodes.JurisdictionHighRisk], rejected.OutcomesOf(VerdictKind.Reject).Select(r => r.ReasonCode));
        Assert.Single(rejected.OutcomesOf(VerdictKind.Flag));
    }

    [Fact]
    public async Task A_rule_that_never_answers_rejects_at_the_deadline_and_the_others_keep_their_verdicts()
    {
        RiskEvaluator evaluator = _harness.Evaluator(
            SlowRules.Answering("fast", RuleVerdict.Flag("FAST_FLAG", "fast")),
            SlowRules.WaitingForever("waiting"),
            SlowRules.Hanging("hanging"));

        Task<RiskDecision> evaluation = evaluator.EvaluateAsync(Subjects.Cash(1_000m));
        _harness.Time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        await Task.Delay(50);
        Assert.False(evaluation.IsCompleted);
        _harness.Time.Advance(TimeSpan.FromTicks(1));
        RiskDecision decision = await evaluation.WaitAsync(Generous);

        Assert.Equal(VerdictKind.Reject, decision.Outcome);
        Assert.Equal(("FAST_FLAG", VerdictKind.Flag), (decision.Rules[0].ReasonCode, decision.Rules[0].Kind));
        Assert.All(decision.Rules.Skip(1), r =>
        {
            Assert.Equal(VerdictKind.Reject, r.Kind);
            Assert.Equal(RiskReasonCodes.RuleTimeout, r.ReasonCode);
            Assert.Equal("00:00:02", r.Inputs["deadline"]);
        });
        Assert.Equal(TimeSpan.FromSeconds(2), decision.Elapsed);
    }

    [Fact]
    public async Task A_rule_that_throws_rejects_and_records_the_exception()
    {
        RiskDecision decision = await _harness.Evaluator(
                SlowRules.Throwing("async", new InvalidOperationException("port unreachable")),
                SlowRules.ThrowingSynchronously("sync", new FormatException("bad data")),
                SlowRules.Answering("null", null!),
                SlowRules.Throwing("own-cancel", new OperationCanceledException("a timeout of its own")),
                SlowRules.Answering("fine", RuleVerdict.Pass("OK", "ok")))
            .EvaluateAsync(Subjects.Cash(1_000m));

        Assert.Equal(VerdictKind.Reject, decision.Outcome);
        Assert.Equal(
            [RiskReasonCodes.RuleFailed, RiskReasonCodes.RuleFailed, RiskReasonCodes.RuleFailed, RiskReasonCodes.RuleFailed, "OK"],
            decision.Rules.Select(r => r.ReasonCode));
        Assert.Equal("System.InvalidOperationException", decision.Rules[0].Inputs["exception"]);
        Assert.Equal("port unreachable", decision.Rules[0].Inputs["message"]);
        Assert.Equal("System.FormatException", decision.Rules[1].Inputs["exception"]);
        Assert.Equal("rule 'null' returned no verdict", decision.Rules[2].Inputs["message"]);
    }

    [Fact]
    public async Task Rules_run_in_parallel()
    {
        // Five rules that each wait one (fake) second: all five have started before any finishes, and one advance of
        // one second finishes them all.
        using var started = new CountdownEvent(5);
        IRiskRule[] rules = [.. Enumerable.Range(0, 5).Select(i => SlowRules.Delayed($"slow-{i}", TimeSpan.FromSeconds(1), _harness.Time, started))];

        Task<RiskDecision> evaluation = _harness.Evaluator(rules).EvaluateAsync(Subjects.Cash(1_000m));
        Assert.True(started.Wait(Generous), "the rules did not all start");
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        RiskDecision decision = await evaluation.WaitAsync(Generous);

        Assert.All(decision.Rules, r => Assert.Equal("SLOW_OK", r.ReasonCode));
        Assert.All(decision.Rules, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Elapsed));
        Assert.Equal(TimeSpan.FromSeconds(1), decision.Elapsed);
    }

    [Fact]
    public async Task The_customers_history_is_fetched_once_for_all_rules()
    {
        _harness.AddPast("T-1", TimeSpan.FromHours(2), 48_000m, TransactionChannel.Cash);

        RiskDecision decision = await _harness.Evaluator().EvaluateAsync(Subjects.Cash(49_000m));

        Assert.Equal(1, _harness.History.Calls);
        Assert.Equal(RiskHarness.Start - TimeSpan.FromHours(24), _harness.History.LastSince);
        Assert.Equal(RiskReasonCodes.AmlLargeValueDaily, decision.Rules.Single(r => r.RuleId == RiskRuleIds.LargeValue).ReasonCode);
    }

    [Fact]
    public async Task A_failing_port_fails_the_rules_that_need_it_closed()
    {
        _harness.History.Failure = new TimeoutException("Cosmos DB did not answer");

        RiskDecision decision = await _harness.Evaluator().EvaluateAsync(Subjects.Cash(49_000m));

        Assert.Equal(VerdictKind.Reject, decision.Outcome);
        Assert.Equal(RiskReasonCodes.RuleFailed, decision.Rules.Single(r => r.RuleId == RiskRuleIds.LargeValue).ReasonCode);
        Assert.Equal(RiskReasonCodes.RuleFailed, decision.Rules.Single(r => r.RuleId == RiskRuleIds.Structuring).ReasonCode);
        Assert.Equal("System.TimeoutException", decision.Rules.Single(r => r.RuleId == RiskRuleIds.Structuring).Inputs["exception"]);
    }

    [Fact]
    public async Task The_caller_giving_up_is_an_exception_not_a_decision()
    {
        using var cancellation = new CancellationTokenSource();
        Task<RiskDecision> evaluation = _harness.Evaluator(SlowRules.WaitingForever("waiting")).EvaluateAsync(Subjects.Cash(1_000m), cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => evaluation.WaitAsync(Generous));
    }

    [Fact]
    public async Task A_rule_set_that_cannot_be_read_rejects_without_running_a_rule()
    {
        _harness.RuleSets.Fail(new OptionsValidationException("", typeof(Bourse.Domain.Risk.Configuration.RiskRuleSet), ["RiskRules:Version is required"]));

        RiskDecision decision = await _harness.Evaluator().EvaluateAsync(Subjects.Cash(1_000m));

        Assert.Equal(VerdictKind.Reject, decision.Outcome);
        Assert.Null(decision.RuleSetVersion);
        RuleOutcome outcome = Assert.Single(decision.Rules);
        Assert.Equal(RiskRuleIds.RuleSet, outcome.RuleId);
        Assert.Equal(RiskReasonCodes.RuleSetInvalid, outcome.ReasonCode);
        Assert.Equal("RiskRules:Version is required", outcome.Inputs["problem"]);
        Assert.Equal(0, _harness.History.Calls);
    }

    [Fact]
    public async Task A_subject_the_rules_cannot_judge_is_refused()
    {
        RiskSubject subject = Subjects.LimitOrder(10m) with { OrderId = " ", InstrumentId = null, Quantity = 0m, Notional = new Money(-1m, "CNY") };

        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => _harness.Evaluator().EvaluateAsync(subject));

        Assert.Contains("OrderId is required", e.Message, StringComparison.Ordinal);
        Assert.Contains("InstrumentId (a securities order) is required", e.Message, StringComparison.Ordinal);
        Assert.Contains("Quantity of a securities order must be more than zero; it is 0", e.Message, StringComparison.Ordinal);
        Assert.Contains("Notional must be more than zero; it is -1 CNY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_ids_must_be_unique_and_there_must_be_a_rule()
    {
        IRiskRule a = SlowRules.Answering("same", RuleVerdict.Pass("OK", "ok"));

        Assert.Throws<ArgumentException>(() => _harness.Evaluator(a, SlowRules.Answering("same", RuleVerdict.Pass("OK", "ok"))));
        Assert.Throws<ArgumentException>(() => new RiskEvaluator([], _harness.RuleSets, _harness.History, _harness.Time, NullLogger<RiskEvaluator>.Instance));
        Assert.Equal(["same"], _harness.Evaluator(a).RuleIds);
    }

    [Fact]
    public async Task The_decision_round_trips_through_json_for_storage()
    {
        RiskDecision decision = await _harness.Evaluator().EvaluateAsync(Subjects.Cash(60_000m) with { CustomerCountry = "MM" });

        string json = JsonSerializer.Serialize(decision);
        RiskDecision? read = JsonSerializer.Deserialize<RiskDecision>(json);

        Assert.NotNull(read);
        Assert.Equal(decision.Outcome, read.Outcome);
        Assert.Equal(decision.RuleSetVersion, read.RuleSetVersion);
        Assert.Equal(decision.Subject.Notional, read.Subject.Notional);
        Assert.Equal(decision.Rules.Select(r => (r.RuleId, r.Kind, r.ReasonCode)), read.Rules.Select(r => (r.RuleId, r.Kind, r.ReasonCode)));
        Assert.Equal(decision.Rules[0].Inputs["threshold"], read.Rules[0].Inputs["threshold"]);
    }
}
