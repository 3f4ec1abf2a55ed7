using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Tests.Support;
using Microsoft.Extensions.Options;

namespace Bourse.Domain.Tests.Risk.Configuration;

public sealed class RiskRuleSetValidatorTests
{
    /// <summary>By case: one change to a valid rule set, and the failure it must give (all of it).</summary>
    private static readonly Dictionary<string, (Action<RiskRuleSet> Change, string Failure)> Cases = new()
    {
        ["no version"] = (r => r.Version = " ", "RiskRules:Version is required, at most 64 characters (every decision records it); it is ' '"),
        ["long version"] = (r => r.Version = new string('v', 65), $"RiskRules:Version is required, at most 64 characters (every decision records it); it is '{new string('v', 65)}'"),
        ["zero deadline"] = (r => r.Deadline = TimeSpan.Zero, "RiskRules:Deadline must be more than 00:00:00 and at most 00:01:00; it is 00:00:00"),
        ["long deadline"] = (r => r.Deadline = TimeSpan.FromMinutes(2), "RiskRules:Deadline must be more than 00:00:00 and at most 00:01:00; it is 00:02:00"),
        ["unknown zone"] = (r => r.BusinessTimeZone = "Mars/Olympus_Mons", "RiskRules:BusinessTimeZone must be a time zone id this machine knows (such as Asia/Shanghai); it is 'Mars/Olympus_Mons'"),
        ["threshold currency"] = (r => r.LargeValue.Thresholds[1].Currency = "usd", "RiskRules:LargeValue:Thresholds:1:Currency must be an ISO 4217 code (three capital letters); it is 'usd'"),
        ["threshold amount"] = (r => r.LargeValue.Thresholds[2].Amount = 0m, "RiskRules:LargeValue:Thresholds:2:Amount must be more than 0; it is 0"),
        ["threshold twice"] = (r => r.LargeValue.Thresholds.Add(new LargeValueThreshold { Currency = "CNY", Amount = 1m, Channel = TransactionChannel.Cash }),
            "RiskRules:LargeValue:Thresholds:5 has the currency, channel, customer type and cross-border of RiskRules:LargeValue:Thresholds:0; each combination needs exactly one threshold"),
        ["band zero"] = (r => r.Structuring.BandPercent = 0m, "RiskRules:Structuring:BandPercent must be more than 0 and less than 100; it is 0"),
        ["band 100"] = (r => r.Structuring.BandPercent = 100m, "RiskRules:Structuring:BandPercent must be more than 0 and less than 100; it is 100"),
        ["min count 1"] = (r => r.Structuring.MinCount = 1, "RiskRules:Structuring:MinCount must be 2 or more; it is 1"),
        ["window zero"] = (r => r.Structuring.Window = TimeSpan.Zero, "RiskRules:Structuring:Window must be more than 00:00:00 and at most 31.00:00:00; it is 00:00:00"),
        ["near threshold low"] = (r => r.Sanctions.NearMatchThreshold = 0.5m, "RiskRules:Sanctions:NearMatchThreshold must be more than 0.5 and at most 1; it is 0.5"),
        ["near threshold high"] = (r => r.Sanctions.NearMatchThreshold = 1.01m, "RiskRules:Sanctions:NearMatchThreshold must be more than 0.5 and at most 1; it is 1.01"),
        ["near verdict pass"] = (r => r.Sanctions.NearMatchVerdict = VerdictKind.Pass, "RiskRules:Sanctions:NearMatchVerdict must be Flag or Reject; it is Pass"),
        ["entry without id"] = (r => r.Sanctions.Entries[1].Id = "", "RiskRules:Sanctions:Entries:1:Id is required; it is ''"),
        ["entry id twice"] = (r => r.Sanctions.Entries[2].Id = "SDN-1001", "RiskRules:Sanctions:Entries:2:Id 'SDN-1001' is also the id of RiskRules:Sanctions:Entries:0; ids must be unique"),
        ["entry name punctuation"] = (r => r.Sanctions.Entries[3].Name = "-- .", "RiskRules:Sanctions:Entries:3:Name must have a letter or digit; it is '-- .'"),
        ["alias empty"] = (r => r.Sanctions.Entries[0].Aliases.Add(" "), "RiskRules:Sanctions:Entries:0:Aliases:1 must have a letter or digit; it is ' '"),
        ["country lower case"] = (r => r.Jurisdictions.RejectedCountries.Add("ru"), "RiskRules:Jurisdictions:RejectedCountries:2 must be an ISO 3166-1 alpha-2 code (two capital letters); it is 'ru'"),
        ["country alpha-3"] = (r => r.Jurisdictions.FlaggedCountries[0] = "MMR", "RiskRules:Jurisdictions:FlaggedCountries:0 must be an ISO 3166-1 alpha-2 code (two capital letters); it is 'MMR'"),
        ["country on both lists"] = (r => r.Jurisdictions.FlaggedCountries.Add("IR"), "RiskRules:Jurisdictions:FlaggedCountries lists IR, which RejectedCountries lists too; a country is either rejected or flagged"),
        ["limit currency"] = (r => r.DailyNotionalLimit.Limits["RMB1"] = 1m, "RiskRules:DailyNotionalLimit:Limits:RMB1 is not an ISO 4217 code (three capital letters)"),
        ["limit zero"] = (r => r.DailyNotionalLimit.Limits["USD"] = 0m, "RiskRules:DailyNotionalLimit:Limits:USD must be more than 0; it is 0"),
        ["account limit negative"] = (r => r.DailyNotionalLimit.AccountLimits["A-9"] = new Dictionary<string, decimal> { ["CNY"] = -5m }, "RiskRules:DailyNotionalLimit:AccountLimits:A-9:CNY must be more than 0; it is -5"),
        ["no limits"] = (r => r.DailyNotionalLimit.Limits.Clear(), "RiskRules:DailyNotionalLimit:Limits is empty while the rule is enabled, so every securities order would be rejected; configure a limit per currency or set RiskRules:DailyNotionalLimit:Enabled to false"),
        ["deviation zero"] = (r => r.PriceBand.MaxDeviationPercent = 0m, "RiskRules:PriceBand:MaxDeviationPercent must be more than 0 and at most 100; it is 0"),
        ["instrument deviation"] = (r => r.PriceBand.InstrumentMaxDeviationPercent["600519"] = 101m, "RiskRules:PriceBand:InstrumentMaxDeviationPercent:600519 must be more than 0 and at most 100; it is 101"),
    };

    public static TheoryData<string> InvalidCases { get; } = [.. Cases.Keys];

    [Fact]
    public void The_test_rule_set_is_valid()
    {
        Assert.Empty(RiskRuleSetValidator.Check(TestRuleSets.China()));
        Assert.True(new RiskRuleSetValidator().Validate(Options.DefaultName, TestRuleSets.China()).Succeeded);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void An_invalid_value_gives_exactly_the_failure_naming_its_key(string @case)
    {
        (Action<RiskRuleSet> change, string failure) = Cases[@case];
        RiskRuleSet ruleSet = TestRuleSets.China();
        change(ruleSet);

        Assert.Equal([failure], RiskRuleSetValidator.Check(ruleSet));
        ValidateOptionsResult result = new RiskRuleSetValidator().Validate(Options.DefaultName, ruleSet);
        Assert.True(result.Failed);
        Assert.Equal([failure], result.Failures);
    }

    [Fact]
    public void A_disabled_limit_rule_needs_no_limits()
    {
        RiskRuleSet ruleSet = TestRuleSets.China();
        ruleSet.DailyNotionalLimit.Limits.Clear();
        ruleSet.DailyNotionalLimit.Enabled = false;

        Assert.Empty(RiskRuleSetValidator.Check(ruleSet));
    }

    [Fact]
    public void Every_failure_is_reported_at_once()
    {
        RiskRuleSet ruleSet = TestRuleSets.China();
        ruleSet.Version = "";
        ruleSet.Structuring.MinCount = 0;
        ruleSet.PriceBand.MaxDeviationPercent = -1m;

        Assert.Equal(3, RiskRuleSetValidator.Check(ruleSet).Count);
    }

    [Fact]
    public void Defaults_are_as_documented()
    {
        var ruleSet = new RiskRuleSet();

        Assert.Equal("RiskRules", RiskRuleSet.SectionName);
        Assert.Equal("", ruleSet.Version);
        Assert.Equal(TimeSpan.FromSeconds(2), ruleSet.Deadline);
        Assert.Equal("Asia/Shanghai", ruleSet.BusinessTimeZone);
        Assert.True(ruleSet.LargeValue.Enabled && ruleSet.Structuring.Enabled && ruleSet.Sanctions.Enabled
            && ruleSet.Jurisdictions.Enabled && ruleSet.DailyNotionalLimit.Enabled && ruleSet.PriceBand.Enabled);
        Assert.Empty(ruleSet.LargeValue.Thresholds);
        Assert.Equal(10m, ruleSet.Structuring.BandPercent);
        Assert.Equal(3, ruleSet.Structuring.MinCount);
        Assert.Equal(TimeSpan.FromHours(24), ruleSet.Structuring.Window);
        Assert.Equal(0.85m, ruleSet.Sanctions.NearMatchThreshold);
        Assert.Equal(VerdictKind.Reject, ruleSet.Sanctions.NearMatchVerdict);
        Assert.Empty(ruleSet.Sanctions.Entries);
        Assert.Empty(ruleSet.Jurisdictions.RejectedCountries);
        Assert.Empty(ruleSet.Jurisdictions.FlaggedCountries);
        Assert.Empty(ruleSet.DailyNotionalLimit.Limits);
        Assert.Equal(10m, ruleSet.PriceBand.MaxDeviationPercent);
        // Only the version and the limits must be configured.
        Assert.Equal(2, RiskRuleSetValidator.Check(ruleSet).Count);
    }
}
