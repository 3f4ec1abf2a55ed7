using System.Globalization;

namespace Bourse.Domain.Risk.Rules;

/// <summary>Invariant text of the values recorded in <see cref="RuleVerdict.Inputs"/>.</summary>
internal static class Inputs
{
    public static string Of(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static string Of(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Of(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);

    public static RuleVerdict Disabled(string rule) =>
        RuleVerdict.Pass(RiskReasonCodes.RuleDisabled, $"The {rule} rule is disabled in this rule set.");

    public static RuleVerdict NotApplicable(string rule, TransactionChannel channel) =>
        RuleVerdict.Pass(RiskReasonCodes.NotApplicable, $"The {rule} rule applies to securities orders only; this is {channel}.",
            new Dictionary<string, string> { ["channel"] = channel.ToString() });
}
