namespace Bourse.Domain.Risk;

/// <summary>What one rule says about a subject, and why.</summary>
/// <param name="Kind">Pass, flag or reject.</param>
/// <param name="ReasonCode">A stable code from <see cref="RiskReasonCodes"/> (reports and dashboards key on it).</param>
/// <param name="Detail">One sentence for a person reading the decision.</param>
/// <param name="Inputs">The inputs that mattered to this verdict (threshold, amounts, matched name, ...), as invariant text.</param>
public sealed record RuleVerdict(VerdictKind Kind, string ReasonCode, string Detail, IReadOnlyDictionary<string, string> Inputs)
{
    private static readonly IReadOnlyDictionary<string, string> NoInputs = new Dictionary<string, string>();

    /// <summary>A pass.</summary>
    public static RuleVerdict Pass(string reasonCode, string detail, IReadOnlyDictionary<string, string>? inputs = null) =>
        new(VerdictKind.Pass, reasonCode, detail, inputs ?? NoInputs);

    /// <summary>A flag: allowed but reportable.</summary>
    public static RuleVerdict Flag(string reasonCode, string detail, IReadOnlyDictionary<string, string>? inputs = null) =>
        new(VerdictKind.Flag, reasonCode, detail, inputs ?? NoInputs);

    /// <summary>A rejection.</summary>
    public static RuleVerdict Reject(string reasonCode, string detail, IReadOnlyDictionary<string, string>? inputs = null) =>
        new(VerdictKind.Reject, reasonCode, detail, inputs ?? NoInputs);

    /// <summary>A verdict of <paramref name="kind"/> (for rules whose severity is configured).</summary>
    public static RuleVerdict Of(VerdictKind kind, string reasonCode, string detail, IReadOnlyDictionary<string, string>? inputs = null) =>
        new(kind, reasonCode, detail, inputs ?? NoInputs);
}
