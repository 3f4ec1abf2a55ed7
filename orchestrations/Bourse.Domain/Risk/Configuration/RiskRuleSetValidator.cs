using System.Globalization;
using Bourse.Domain.Risk.Names;
using Microsoft.Extensions.Options;

namespace Bourse.Domain.Risk.Configuration;

/// <summary>
/// Checks a <see cref="RiskRuleSet"/>: every failure is one message that starts with the setting's full key
/// (<c>RiskRules:LargeValue:Thresholds:2:Currency</c>), says what it must be, and what it is. Registered as the rule
/// set's <see cref="IValidateOptions{TOptions}"/>, so an invalid rule set fails the host at start and, after a reload,
/// makes the evaluator reject (fail closed) until the configuration is fixed.
/// </summary>
public sealed class RiskRuleSetValidator : IValidateOptions<RiskRuleSet>
{
    private const string Root = RiskRuleSet.SectionName;
    private static readonly TimeSpan MaxDeadline = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, RiskRuleSet options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem of <paramref name="ruleSet"/>, one message each; empty when it is valid.</summary>
    public static IReadOnlyList<string> Check(RiskRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(ruleSet.Version) || ruleSet.Version.Length > 64)
        {
            failures.Add($"{Root}:Version is required, at most 64 characters (every decision records it); it is '{ruleSet.Version}'");
        }

        if (ruleSet.Deadline <= TimeSpan.Zero || ruleSet.Deadline > MaxDeadline)
        {
            failures.Add($"{Root}:Deadline must be more than 00:00:00 and at most {MaxDeadline:c}; it is {ruleSet.Deadline:c}");
        }

        if (string.IsNullOrWhiteSpace(ruleSet.BusinessTimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(ruleSet.BusinessTimeZone, out _))
        {
            failures.Add($"{Root}:BusinessTimeZone must be a time zone id this machine knows (such as Asia/Shanghai); it is '{ruleSet.BusinessTimeZone}'");
        }

        CheckLargeValue(ruleSet.LargeValue, failures);
        CheckStructuring(ruleSet.Structuring, failures);
        CheckSanctions(ruleSet.Sanctions, failures);
        CheckJurisdictions(ruleSet.Jurisdictions, failures);
        CheckDailyNotionalLimit(ruleSet.DailyNotionalLimit, failures);
        CheckPriceBand(ruleSet.PriceBand, failures);
        return failures;
    }

    private static void CheckLargeValue(LargeValueOptions options, List<string> failures)
    {
        const string Key = Root + ":LargeValue:Thresholds";
        for (int i = 0; i < options.Thresholds.Count; i++)
        {
            LargeValueThreshold threshold = options.Thresholds[i];
            if (!Money.IsCurrencyCode(threshold.Currency))
            {
                failures.Add($"{Key}:{i}:Currency must be an ISO 4217 code (three capital letters); it is '{threshold.Currency}'");
            }

            if (threshold.Amount <= 0)
            {
                failures.Add($"{Key}:{i}:Amount must be more than 0; it is {Text(threshold.Amount)}");
            }

            for (int j = 0; j < i; j++)
            {
                LargeValueThreshold earlier = options.Thresholds[j];
                if (string.Equals(earlier.Currency, threshold.Currency, StringComparison.Ordinal) && earlier.Channel == threshold.Channel
                    && earlier.CustomerType == threshold.CustomerType && earlier.CrossBorder == threshold.CrossBorder)
                {
                    failures.Add($"{Key}:{i} has the currency, channel, customer type and cross-border of {Key}:{j}; each combination needs exactly one threshold");
                    break;
                }
            }
        }
    }

    private static void CheckStructuring(StructuringOptions options, List<string> failures)
    {
        const string Key = Root + ":Structuring";
        if (options.BandPercent <= 0 || options.BandPercent >= 100)
        {
            failures.Add($"{Key}:BandPercent must be more than 0 and less than 100; it is {Text(options.BandPercent)}");
        }

        if (options.MinCount < 2)
        {
            failures.Add($"{Key}:MinCount must be 2 or more; it is {options.MinCount}");
        }

        if (options.Window <= TimeSpan.Zero || options.Window > MaxWindow)
        {
            failures.Add($"{Key}:Window must be more than 00:00:00 and at most {MaxWindow:c}; it is {options.Window:c}");
        }
    }

    private static void CheckSanctions(SanctionsOptions options, List<string> failures)
    {
        const string Key = Root + ":Sanctions";
        if (options.NearMatchThreshold <= 0.5m || options.NearMatchThreshold > 1m)
        {
            failures.Add($"{Key}:NearMatchThreshold must be more than 0.5 and at most 1; it is {Text(options.NearMatchThreshold)}");
        }

        if (options.NearMatchVerdict is not (VerdictKind.Flag or VerdictKind.Reject))
        {
            failures.Add($"{Key}:NearMatchVerdict must be Flag or Reject; it is {options.NearMatchVerdict}");
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < options.Entries.Count; i++)
        {
            SanctionedParty entry = options.Entries[i];
            string entryKey = $"{Key}:Entries:{i}";
            if (string.IsNullOrWhiteSpace(entry.Id))
            {
                failures.Add($"{entryKey}:Id is required; it is '{entry.Id}'");
            }
            else if (!ids.TryAdd(entry.Id, i))
            {
                failures.Add($"{entryKey}:Id '{entry.Id}' is also the id of {Key}:Entries:{ids[entry.Id]}; ids must be unique");
            }

            if (NameNormalizer.Normalize(entry.Name ?? "").Length == 0)
            {
                failures.Add($"{entryKey}:Name must have a letter or digit; it is '{entry.Name}'");
            }

            for (int a = 0; a < entry.Aliases.Count; a++)
            {
                if (NameNormalizer.Normalize(entry.Aliases[a] ?? "").Length == 0)
                {
                    failures.Add($"{entryKey}:Aliases:{a} must have a letter or digit; it is '{entry.Aliases[a]}'");
                }
            }
        }
    }

    private static void CheckJurisdictions(JurisdictionOptions options, List<string> failures)
    {
        const string Key = Root + ":Jurisdictions";
        CheckCountries(options.RejectedCountries, $"{Key}:RejectedCountries", failures);
        CheckCountries(options.FlaggedCountries, $"{Key}:FlaggedCountries", failures);
        foreach (string country in options.FlaggedCountries.Intersect(options.RejectedCountries, StringComparer.Ordinal))
        {
            failures.Add($"{Key}:FlaggedCountries lists {country}, which RejectedCountries lists too; a country is either rejected or flagged");
        }
    }

    private static void CheckCountries(IList<string> countries, string key, List<string> failures)
    {
        for (int i = 0; i < countries.Count; i++)
        {
            if (!CountryCode.IsAlpha2(countries[i]))
            {
                failures.Add($"{key}:{i} must be an ISO 3166-1 alpha-2 code (two capital letters); it is '{countries[i]}'");
            }
        }
    }

    private static void CheckDailyNotionalLimit(DailyNotionalLimitOptions options, List<string> failures)
    {
        const string Key = Root + ":DailyNotionalLimit";
        CheckLimits(options.Limits, $"{Key}:Limits", failures);
        foreach ((string account, IDictionary<string, decimal> limits) in options.AccountLimits)
        {
            if (string.IsNullOrWhiteSpace(account))
            {
                failures.Add($"{Key}:AccountLimits has an empty account id");
            }

            CheckLimits(limits, $"{Key}:AccountLimits:{account}", failures);
        }

        if (options.Enabled && options.Limits.Count == 0 && options.AccountLimits.Count == 0)
        {
            failures.Add($"{Key}:Limits is empty while the rule is enabled, so every securities order would be rejected; configure a limit per currency or set {Key}:Enabled to false");
        }
    }

    private static void CheckLimits(IDictionary<string, decimal> limits, string key, List<string> failures)
    {
        foreach ((string currency, decimal limit) in limits)
        {
            if (!Money.IsCurrencyCode(currency))
            {
                failures.Add($"{key}:{currency} is not an ISO 4217 code (three capital letters)");
            }

            if (limit <= 0)
            {
                failures.Add($"{key}:{currency} must be more than 0; it is {Text(limit)}");
            }
        }
    }

    private static void CheckPriceBand(PriceBandOptions options, List<string> failures)
    {
        const string Key = Root + ":PriceBand";
        if (options.MaxDeviationPercent <= 0 || options.MaxDeviationPercent > 100)
        {
            failures.Add($"{Key}:MaxDeviationPercent must be more than 0 and at most 100; it is {Text(options.MaxDeviationPercent)}");
        }

        foreach ((string instrument, decimal percent) in options.InstrumentMaxDeviationPercent)
        {
            if (percent <= 0 || percent > 100)
            {
                failures.Add($"{Key}:InstrumentMaxDeviationPercent:{instrument} must be more than 0 and at most 100; it is {Text(percent)}");
            }
        }
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
