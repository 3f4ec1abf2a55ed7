using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Rules;
using Bourse.Domain.Tests.Support;

namespace Bourse.Domain.Tests.Risk.Rules;

/// <summary>Rejected: KP, IR. Flagged: MM.</summary>
public sealed class JurisdictionRuleTests
{
    private readonly RiskHarness _harness = new();

    private Task<RuleOutcome> RunAsync(RiskSubject subject) => _harness.RunAsync(new JurisdictionRule(), subject);

    private static RiskSubject Between(string customerCountry, params string?[] counterpartyCountries) =>
        Subjects.Transfer(1_000m, crossBorder: true) with
        {
            CustomerCountry = customerCountry,
            Counterparties = [.. counterpartyCountries.Select((c, i) => new Counterparty($"Party {i}", c))],
        };

    [Fact]
    public async Task No_high_risk_country_passes()
    {
        RuleOutcome outcome = await RunAsync(Between("CN", "SG", null));

        Assert.Equal(VerdictKind.Pass, outcome.Kind);
        Assert.Equal(RiskReasonCodes.JurisdictionClear, outcome.ReasonCode);
        Assert.Equal("customer=CN,counterparty[0]=SG", outcome.Inputs["countries"]);
    }

    [Theory]
    [InlineData("KP")]
    [InlineData("kp")]
    [InlineData(" IR ")]
    public async Task A_customer_in_a_rejected_country_is_rejected(string country)
    {
        RuleOutcome outcome = await RunAsync(Between(country));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal(RiskReasonCodes.JurisdictionHighRisk, outcome.ReasonCode);
        Assert.Equal("customer", outcome.Inputs["party"]);
        Assert.Equal(country.Trim().ToUpperInvariant(), outcome.Inputs["country"]);
    }

    [Fact]
    public async Task A_counterparty_in_a_rejected_country_is_rejected()
    {
        RuleOutcome outcome = await RunAsync(Between("CN", "SG", "IR"));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal("counterparty[1]", outcome.Inputs["party"]);
        Assert.Equal("RejectedCountries", outcome.Inputs["list"]);
    }

    [Fact]
    public async Task A_flagged_country_flags()
    {
        RuleOutcome outcome = await RunAsync(Between("CN", "MM"));

        Assert.Equal(VerdictKind.Flag, outcome.Kind);
        Assert.Equal(RiskReasonCodes.JurisdictionHighRisk, outcome.ReasonCode);
        Assert.Equal("FlaggedCountries", outcome.Inputs["list"]);
    }

    [Fact]
    public async Task A_rejected_country_outranks_a_flagged_one()
    {
        RuleOutcome outcome = await RunAsync(Between("MM", "KP"));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal("KP", outcome.Inputs["country"]);
    }

    [Fact]
    public async Task Which_countries_reject_or_flag_is_configuration()
    {
        _harness.RuleSet.Jurisdictions.RejectedCountries.Remove("KP");
        _harness.RuleSet.Jurisdictions.FlaggedCountries.Add("KP");

        Assert.Equal(VerdictKind.Flag, (await RunAsync(Between("KP"))).Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("CHN")]
    [InlineData("C1")]
    public async Task A_customer_without_a_valid_country_is_rejected(string country)
    {
        RuleOutcome outcome = await RunAsync(Between(country));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal(RiskReasonCodes.JurisdictionCountryMissing, outcome.ReasonCode);
    }

    [Fact]
    public async Task A_disabled_rule_passes()
    {
        _harness.RuleSet.Jurisdictions.Enabled = false;

        Assert.Equal(RiskReasonCodes.RuleDisabled, (await RunAsync(Between("KP"))).ReasonCode);
    }
}
