namespace Bourse.Domain.Risk;

/// <summary>One rule's part of a <see cref="RiskDecision"/>: its verdict and how long it took.</summary>
public sealed record RuleOutcome
{
    /// <summary>The rule (<see cref="IRiskRule.Id"/>, one of <see cref="RiskRuleIds"/> for the built-in rules).</summary>
    public required string RuleId { get; init; }

    /// <summary>Pass, flag or reject.</summary>
    public required VerdictKind Kind { get; init; }

    /// <summary>A stable code from <see cref="RiskReasonCodes"/>.</summary>
    public required string ReasonCode { get; init; }

    /// <summary>One sentence for a person.</summary>
    public required string Detail { get; init; }

    /// <summary>The inputs that mattered, as invariant text.</summary>
    public required IReadOnlyDictionary<string, string> Inputs { get; init; }

    /// <summary>From the rule's start to its verdict; for a rule that timed out, to the deadline.</summary>
    public required TimeSpan Elapsed { get; init; }

    internal static RuleOutcome From(string ruleId, RuleVerdict verdict, TimeSpan elapsed) => new()
    {
        RuleId = ruleId,
        Kind = verdict.Kind,
        ReasonCode = verdict.ReasonCode,
        Detail = verdict.Detail,
        Inputs = verdict.Inputs,
        Elapsed = elapsed,
    };
}
