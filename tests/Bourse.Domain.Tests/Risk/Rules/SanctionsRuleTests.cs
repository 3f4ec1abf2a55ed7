using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Rules;
using Bourse.Domain.Tests.Support;

namespace Bourse.Domain.Tests.Risk.Rules;

public sealed class SanctionsRuleTests
{
    private readonly RiskHarness _harness = new();

    private Task<RuleOutcome> RunAsync(RiskSubject subject) => _harness.RunAsync(new SanctionsRule(), subject);

    private static RiskSubject Customer(string name) => Subjects.Transfer(1_000m) with { CustomerName = name };

    private static RiskSubject Paying(params string[] counterparties) =>
        Subjects.Transfer(1_000m) with { Counterparties = [.. counterparties.Select(n => new Counterparty(n, "CN"))] };

    [Fact]
    public async Task A_clean_customer_and_counterparty_pass()
    {
        RuleOutcome outcome = await RunAsync(Subjects.Transfer(1_000m));

        Assert.Equal(VerdictKind.Pass, outcome.Kind);
        Assert.Equal(RiskReasonCodes.SanctionsClear, outcome.ReasonCode);
        Assert.Equal("2", outcome.Inputs["screened"]);
        Assert.Equal("6", outcome.Inputs["listedNames"]);
    }

    [Theory]
    [InlineData("Zhang Weiming", "SDN-1001")]
    [InlineData("ＺＨＡＮＧ　ＷＥＩＭＩＮＧ", "SDN-1001")] // full width, upper case, ideographic space
    [InlineData("zhang-wei-ming", "SDN-1001")] // transliteration spacing
    [InlineData("Weiming ZHANG", "SDN-1001")] // family name last
    [InlineData("张伟明", "SDN-1001")] // Chinese characters
    [InlineData("Dragan Kovacevic", "SDN-1003")]
    [InlineData("DRAGAN KOVAČEVIĆ", "SDN-1003")]
    [InlineData("Golden Lotus Trading Co., Ltd.", "SDN-1004")]
    public async Task A_customer_on_the_list_is_rejected_as_an_exact_match(string name, string entry)
    {
        RuleOutcome outcome = await RunAsync(Customer(name));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal(RiskReasonCodes.SanctionsExactMatch, outcome.ReasonCode);
        Assert.Equal(entry, outcome.Inputs["entryId"]);
        Assert.Equal("customer", outcome.Inputs["party"]);
        Assert.Equal(name, outcome.Inputs["name"]);
        Assert.Equal("1", outcome.Inputs["similarity"]);
    }

    [Fact]
    public async Task A_counterparty_on_the_list_is_rejected_too()
    {
        RuleOutcome outcome = await RunAsync(Paying("Wu Haoran", "Sidorenko Ivan Petrovich"));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal(RiskReasonCodes.SanctionsExactMatch, outcome.ReasonCode);
        Assert.Equal("counterparty[1]", outcome.Inputs["party"]);
        Assert.Equal("SDN-1002", outcome.Inputs["entryId"]);
        Assert.Equal("Ivan Petrovich Sidorenko", outcome.Inputs["listedName"]);
    }

    [Theory]
    [InlineData("Zhang Weimin")]
    [InlineData("Ivan Petrovitch Sidorenko")]
    [InlineData("Dragan Kovacevich")]
    public async Task A_near_match_is_rejected_with_its_own_reason_by_default(string name)
    {
        RuleOutcome outcome = await RunAsync(Customer(name));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal(RiskReasonCodes.SanctionsNearMatch, outcome.ReasonCode);
        Assert.True(decimal.Parse(outcome.Inputs["similarity"], System.Globalization.CultureInfo.InvariantCulture) >= 0.85m);
        Assert.Equal("0.85", outcome.Inputs["nearMatchThreshold"]);
    }

    [Fact]
    public async Task A_near_match_can_be_configured_to_flag()
    {
        _harness.RuleSet.Sanctions.NearMatchVerdict = VerdictKind.Flag;

        RuleOutcome near = await RunAsync(Customer("Zhang Weimin"));
        RuleOutcome exact = await RunAsync(Customer("Zhang Weiming"));

        Assert.Equal(VerdictKind.Flag, near.Kind);
        Assert.Equal(RiskReasonCodes.SanctionsNearMatch, near.ReasonCode);
        Assert.Equal(VerdictKind.Reject, exact.Kind);
    }

    [Fact]
    public async Task The_near_match_threshold_is_configurable()
    {
        _harness.RuleSet.Sanctions.NearMatchThreshold = 0.95m;

        // One edit in 12 letters is 0.9166: no longer near enough.
        Assert.Equal(VerdictKind.Pass, (await RunAsync(Customer("Zhang Weimin"))).Kind);
    }

    [Theory]
    [InlineData("Zhang Wei")]
    [InlineData("Zhao Weiming")]
    [InlineData("张伟")]
    [InlineData("Ivan Sidorov")]
    [InlineData("Golden Lotus Restaurant")]
    public async Task Different_names_pass(string name) =>
        Assert.Equal(VerdictKind.Pass, (await RunAsync(Customer(name))).Kind);

    [Fact]
    public async Task A_name_with_nothing_to_screen_is_rejected()
    {
        RuleOutcome outcome = await RunAsync(Paying("--- ..."));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal(RiskReasonCodes.SanctionsUnscreenableName, outcome.ReasonCode);
        Assert.Equal("counterparty[0]", outcome.Inputs["party"]);
    }

    [Fact]
    public async Task An_exact_match_outranks_a_near_match_whoever_comes_first()
    {
        RuleOutcome outcome = await RunAsync(Customer("Zhang Weimin") with { Counterparties = [new Counterparty("Dragan Kovacevic")] });

        Assert.Equal(RiskReasonCodes.SanctionsExactMatch, outcome.ReasonCode);
        Assert.Equal("counterparty[0]", outcome.Inputs["party"]);
    }

    [Fact]
    public async Task A_reloaded_list_is_used_by_the_next_evaluation()
    {
        Assert.Equal(VerdictKind.Pass, (await RunAsync(Customer("Chen Xiaoyu"))).Kind);

        var reloaded = TestRuleSets.China("test-2");
        reloaded.Sanctions.Entries.Add(TestRuleSets.Party("SDN-2001", "Chen Xiaoyu"));
        _harness.RuleSets.Set(reloaded);

        RuleOutcome outcome = await RunAsync(Customer("Chen Xiaoyu"));
        Assert.Equal(RiskReasonCodes.SanctionsExactMatch, outcome.ReasonCode);
        Assert.Equal("SDN-2001", outcome.Inputs["entryId"]);
    }

    [Fact]
    public async Task A_disabled_rule_passes()
    {
        _harness.RuleSet.Sanctions.Enabled = false;

        Assert.Equal(RiskReasonCodes.RuleDisabled, (await RunAsync(Customer("Zhang Weiming"))).ReasonCode);
    }
}
