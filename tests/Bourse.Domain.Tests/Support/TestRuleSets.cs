using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Configuration;

namespace Bourse.Domain.Tests.Support;

/// <summary>Rule sets for tests: the thresholds of the issue (PBoC large-value reporting and FinCEN's CTR), fictitious names.</summary>
internal static class TestRuleSets
{
    public static RiskRuleSet China(string version = "test-1")
    {
        var ruleSet = new RiskRuleSet { Version = version, Deadline = TimeSpan.FromSeconds(2), BusinessTimeZone = "Asia/Shanghai" };
        ruleSet.LargeValue.Thresholds.Add(new LargeValueThreshold { Currency = "CNY", Amount = 50_000m, Channel = TransactionChannel.Cash });
        ruleSet.LargeValue.Thresholds.Add(new LargeValueThreshold { Currency = "USD", Amount = 10_000m, Channel = TransactionChannel.Cash });
        ruleSet.LargeValue.Thresholds.Add(new LargeValueThreshold
        {
            Currency = "CNY", Amount = 2_000_000m, Channel = TransactionChannel.Transfer, CustomerType = CustomerType.Corporate,
        });
        ruleSet.LargeValue.Thresholds.Add(new LargeValueThreshold
        {
            Currency = "CNY", Amount = 500_000m, Channel = TransactionChannel.Transfer, CustomerType = CustomerType.Individual, CrossBorder = false,
        });
        ruleSet.LargeValue.Thresholds.Add(new LargeValueThreshold
        {
            Currency = "CNY", Amount = 200_000m, Channel = TransactionChannel.Transfer, CustomerType = CustomerType.Individual, CrossBorder = true,
        });

        ruleSet.Sanctions.Entries.Add(Party("SDN-1001", "Zhang Weiming", "张伟明"));
        ruleSet.Sanctions.Entries.Add(Party("SDN-1002", "Ivan Petrovich Sidorenko"));
        ruleSet.Sanctions.Entries.Add(Party("SDN-1003", "Dragan Kovačević", "Dragan Kovacevic"));
        ruleSet.Sanctions.Entries.Add(Party("SDN-1004", "Golden Lotus Trading Co. Ltd"));

        ruleSet.Jurisdictions.RejectedCountries.Add("KP");
        ruleSet.Jurisdictions.RejectedCountries.Add("IR");
        ruleSet.Jurisdictions.FlaggedCountries.Add("MM");

        ruleSet.DailyNotionalLimit.Limits["CNY"] = 10_000_000m;
        ruleSet.DailyNotionalLimit.Limits["USD"] = 1_000_000m;
        ruleSet.PriceBand.MaxDeviationPercent = 10m;
        return ruleSet;
    }

    public static SanctionedParty Party(string id, string name, params string[] aliases)
    {
        var party = new SanctionedParty { Id = id, Name = name };
        foreach (string alias in aliases)
        {
            party.Aliases.Add(alias);
        }

        return party;
    }
}
