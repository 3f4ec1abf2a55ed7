using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Ports;
using Bourse.Domain.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.Domain.Tests.Risk.Configuration;

/// <summary>
/// The rule set as a host reads it: an appsettings.json section bound through <see cref="RiskServiceCollectionExtensions.AddBourseRiskRules"/>,
/// validated at start and after every reload, and reloaded without a restart.
/// </summary>
public sealed class RiskRulesConfigurationTests : IDisposable
{
    private const string Sample = """
        {
          "RiskRules": {
            "Version": "2026-11-25.1",
            "Deadline": "00:00:01.500",
            "BusinessTimeZone": "Asia/Shanghai",
            "LargeValue": {
              "Thresholds": [
                { "Currency": "CNY", "Amount": 50000, "Channel": "Cash" },
                { "Currency": "USD", "Amount": 10000, "Channel": "Cash" },
                { "Currency": "CNY", "Amount": 2000000, "Channel": "Transfer", "CustomerType": "Corporate" },
                { "Currency": "CNY", "Amount": 500000, "Channel": "Transfer", "CustomerType": "Individual", "CrossBorder": false },
                { "Currency": "CNY", "Amount": 200000, "Channel": "Transfer", "CustomerType": "Individual", "CrossBorder": true }
              ]
            },
            "Structuring": { "BandPercent": 10, "MinCount": 3, "Window": "1.00:00:00" },
            "Sanctions": {
              "NearMatchThreshold": 0.85,
              "NearMatchVerdict": "Flag",
              "Entries": [
                { "Id": "SDN-1001", "Name": "Zhang Weiming", "Aliases": [ "张伟明" ] },
                { "Id": "SDN-1002", "Name": "Ivan Petrovich Sidorenko" }
              ]
            },
            "Jurisdictions": { "RejectedCountries": [ "KP", "IR" ], "FlaggedCountries": [ "MM" ] },
            "DailyNotionalLimit": {
              "Limits": { "CNY": 10000000, "USD": 1000000 },
              "AccountLimits": { "A-1": { "CNY": 50000.50 } }
            },
            "PriceBand": { "MaxDeviationPercent": 10, "InstrumentMaxDeviationPercent": { "600519": 5 } }
          }
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("bourse-risk-").FullName;

    private string SettingsPath => Path.Combine(_directory, "appsettings.json");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (ServiceProvider Services, IConfigurationRoot Configuration) Host(string json)
    {
        File.WriteAllText(SettingsPath, json);
        IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonFile(SettingsPath, optional: false, reloadOnChange: false).Build();
        var exposures = new InMemoryExposures();
        var prices = new InMemoryReferencePrices();
        prices.Set("600519", new ReferencePrice(new Money(100m, "CNY"), RiskHarness.Start));
        ServiceProvider services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(RiskHarness.Start))
            .AddSingleton<ILogger<RiskEvaluator>>(NullLogger<RiskEvaluator>.Instance)
            .AddSingleton<ICustomerTransactionHistory>(new InMemoryTransactionHistory())
            .AddSingleton<IAccountExposureSource>(exposures)
            .AddSingleton<IReferencePriceSource>(prices)
            .AddBourseRiskRules(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return (services, configuration);
    }

    /// <summary>
    /// Reloads a configuration whose rule set is invalid. The options monitor builds the new value as soon as the
    /// configuration signals the change, so the failure surfaces on the reloading thread (in a host, the file watcher's;
    /// dotnet/runtime#44381) and the last good value is dropped: every read after it throws, until a valid reload.
    /// </summary>
    private static void ReloadInvalid(IConfigurationRoot configuration)
    {
        AggregateException e = Assert.Throws<AggregateException>(configuration.Reload);
        Assert.True(e.Flatten().InnerExceptions.All(i => i is OptionsValidationException or InvalidOperationException), e.ToString());
    }

    [Fact]
    public void Every_setting_binds_from_json()
    {
        (ServiceProvider services, _) = Host(Sample);
        using (services)
        {
            RiskRuleSet ruleSet = services.GetRequiredService<IOptionsMonitor<RiskRuleSet>>().CurrentValue;

            Assert.Equal("2026-11-25.1", ruleSet.Version);
            Assert.Equal(TimeSpan.FromMilliseconds(1_500), ruleSet.Deadline);
            Assert.Equal(5, ruleSet.LargeValue.Thresholds.Count);
            LargeValueThreshold crossBorder = ruleSet.LargeValue.Thresholds[4];
            Assert.Equal(("CNY", 200_000m, TransactionChannel.Transfer, CustomerType.Individual, true),
                (crossBorder.Currency, crossBorder.Amount, crossBorder.Channel!.Value, crossBorder.CustomerType!.Value, crossBorder.CrossBorder!.Value));
            Assert.Null(ruleSet.LargeValue.Thresholds[0].CustomerType);
            Assert.Equal(TimeSpan.FromDays(1), ruleSet.Structuring.Window);
            Assert.Equal(0.85m, ruleSet.Sanctions.NearMatchThreshold);
            Assert.Equal(VerdictKind.Flag, ruleSet.Sanctions.NearMatchVerdict);
            Assert.Equal(["张伟明"], ruleSet.Sanctions.Entries[0].Aliases);
            Assert.Equal(["KP", "IR"], ruleSet.Jurisdictions.RejectedCountries);
            Assert.Equal(10_000_000m, ruleSet.DailyNotionalLimit.Limits["CNY"]);
            Assert.Equal(50_000.50m, ruleSet.DailyNotionalLimit.AccountLimits["A-1"]["CNY"]);
            Assert.Equal(5m, ruleSet.PriceBand.InstrumentMaxDeviationPercent["600519"]);
        }
    }

    [Fact]
    public async Task The_registered_evaluator_runs_the_built_in_rules_on_the_bound_rule_set()
    {
        (ServiceProvider services, _) = Host(Sample);
        using (services)
        {
            RiskEvaluator evaluator = services.GetRequiredService<RiskEvaluator>();

            RiskDecision decision = await evaluator.EvaluateAsync(Subjects.LimitOrder(106m, quantity: 100m));

            Assert.Equal("2026-11-25.1", decision.RuleSetVersion);
            Assert.Equal(6, decision.Rules.Count);
            Assert.Equal(RiskReasonCodes.PriceOutsideBand, decision.Rules.Single(r => r.RuleId == RiskRuleIds.PriceBand).ReasonCode);
            Assert.Equal(VerdictKind.Reject, decision.Outcome);
        }
    }

    [Fact]
    public async Task A_changed_configuration_takes_effect_for_the_next_evaluation()
    {
        (ServiceProvider services, IConfigurationRoot configuration) = Host(Sample);
        using (services)
        {
            RiskEvaluator evaluator = services.GetRequiredService<RiskEvaluator>();
            RiskSubject subject = Subjects.Cash(45_000m) with { CustomerName = "Chen Xiaoyu" };
            RiskDecision before = await evaluator.EvaluateAsync(subject);

            File.WriteAllText(SettingsPath, Sample
                .Replace("2026-11-25.1", "2026-11-26.1", StringComparison.Ordinal)
                .Replace("\"Amount\": 50000,", "\"Amount\": 40000,", StringComparison.Ordinal)
                .Replace("{ \"Id\": \"SDN-1002\"", "{ \"Id\": \"SDN-2001\", \"Name\": \"Chen Xiaoyu\" }, { \"Id\": \"SDN-1002\"", StringComparison.Ordinal));
            configuration.Reload();
            RiskDecision after = await evaluator.EvaluateAsync(subject);

            Assert.Equal("2026-11-25.1", before.RuleSetVersion);
            Assert.Equal(VerdictKind.Pass, before.Outcome);
            Assert.Equal("2026-11-26.1", after.RuleSetVersion);
            Assert.Equal(RiskReasonCodes.AmlLargeValueSingle, after.Rules.Single(r => r.RuleId == RiskRuleIds.LargeValue).ReasonCode);
            Assert.Equal(RiskReasonCodes.SanctionsExactMatch, after.Rules.Single(r => r.RuleId == RiskRuleIds.Sanctions).ReasonCode);
        }
    }

    [Fact]
    public async Task An_invalid_reload_rejects_every_subject_until_the_configuration_is_fixed()
    {
        (ServiceProvider services, IConfigurationRoot configuration) = Host(Sample);
        using (services)
        {
            RiskEvaluator evaluator = services.GetRequiredService<RiskEvaluator>();

            File.WriteAllText(SettingsPath, Sample.Replace("\"MinCount\": 3", "\"MinCount\": 1", StringComparison.Ordinal));
            ReloadInvalid(configuration);
            RiskDecision broken = await evaluator.EvaluateAsync(Subjects.Cash(100m));

            File.WriteAllText(SettingsPath, Sample.Replace("2026-11-25.1", "2026-11-25.2", StringComparison.Ordinal));
            configuration.Reload();
            RiskDecision fixedAgain = await evaluator.EvaluateAsync(Subjects.Cash(100m));

            Assert.Equal(VerdictKind.Reject, broken.Outcome);
            RuleOutcome outcome = Assert.Single(broken.Rules);
            Assert.Equal(RiskReasonCodes.RuleSetInvalid, outcome.ReasonCode);
            Assert.Equal("RiskRules:Structuring:MinCount must be 2 or more; it is 1", outcome.Inputs["problem"]);
            Assert.Equal(VerdictKind.Pass, fixedAgain.Outcome);
            Assert.Equal("2026-11-25.2", fixedAgain.RuleSetVersion);
        }
    }

    [Fact]
    public void An_invalid_rule_set_fails_the_host_at_start()
    {
        (ServiceProvider services, _) = Host(Sample
            .Replace("\"USD\", \"Amount\": 10000", "\"usd\", \"Amount\": 10000", StringComparison.Ordinal)
            .Replace("\"MM\"", "\"IR\"", StringComparison.Ordinal));
        using (services)
        {
            // What the generic host does at start for ValidateOnStart.
            OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

            Assert.Equal(
                [
                    "RiskRules:LargeValue:Thresholds:1:Currency must be an ISO 4217 code (three capital letters); it is 'usd'",
                    "RiskRules:Jurisdictions:FlaggedCountries lists IR, which RejectedCountries lists too; a country is either rejected or flagged",
                ],
                e.Failures);
        }
    }

    [Fact]
    public void A_misspelt_key_is_an_error()
    {
        (ServiceProvider services, _) = Host(Sample.Replace("\"MinCount\"", "\"MinCuont\"", StringComparison.Ordinal));
        using (services)
        {
            InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptionsMonitor<RiskRuleSet>>().CurrentValue);

            Assert.Contains("MinCuont", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_value_that_does_not_convert_is_an_error()
    {
        (ServiceProvider services, _) = Host(Sample.Replace("\"Channel\": \"Cash\"", "\"Channel\": \"Cheque\"", StringComparison.Ordinal));
        using (services)
        {
            Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptionsMonitor<RiskRuleSet>>().CurrentValue);
        }
    }

    [Fact]
    public async Task An_unconvertible_reload_rejects_like_an_invalid_one()
    {
        (ServiceProvider services, IConfigurationRoot configuration) = Host(Sample);
        using (services)
        {
            RiskEvaluator evaluator = services.GetRequiredService<RiskEvaluator>();
            File.WriteAllText(SettingsPath, Sample.Replace("\"Deadline\": \"00:00:01.500\"", "\"Deadline\": \"soon\"", StringComparison.Ordinal));
            ReloadInvalid(configuration);

            RiskDecision decision = await evaluator.EvaluateAsync(Subjects.Cash(100m));

            Assert.Equal(RiskReasonCodes.RuleSetInvalid, Assert.Single(decision.Rules).ReasonCode);
        }
    }

    [Fact]
    public void Dictionary_keys_are_case_insensitive_like_configuration_keys()
    {
        (ServiceProvider services, _) = Host(Sample);
        using (services)
        {
            RiskRuleSet ruleSet = services.GetRequiredService<IOptionsMonitor<RiskRuleSet>>().CurrentValue;

            Assert.True(ruleSet.DailyNotionalLimit.AccountLimits.ContainsKey("a-1"));
        }
    }
}
