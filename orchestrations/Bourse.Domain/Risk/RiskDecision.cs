namespace Bourse.Domain.Risk;

/// <summary>
/// The record of one evaluation: every rule's verdict with its reason code and inputs, the rule-set version, the
/// timings and the subject. The saga stores it (it is the evidence behind a rejection and the source of the reportable
/// flags) and acts on <see cref="Outcome"/>.
/// </summary>
public sealed record RiskDecision
{
    /// <summary>What was judged.</summary>
    public required RiskSubject Subject { get; init; }

    /// <summary>The most severe verdict of <see cref="Rules"/>: reject if any rule rejects, else flag if any flags, else pass.</summary>
    public required VerdictKind Outcome { get; init; }

    /// <summary>The <see cref="Configuration.RiskRuleSet.Version"/> the rules used; <see langword="null"/> when the rule set
    /// could not be read (then the only outcome is <see cref="RiskReasonCodes.RuleSetInvalid"/>).</summary>
    public required string? RuleSetVersion { get; init; }

    /// <summary>When the evaluation started (from the injected <see cref="TimeProvider"/>).</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }

    /// <summary>The business day (in <see cref="BusinessTimeZone"/>) that daily aggregates and limits counted;
    /// <see langword="null"/> when the rule set could not be read.</summary>
    public required DateOnly? BusinessDay { get; init; }

    /// <summary>The time zone id that defines <see cref="BusinessDay"/>; <see langword="null"/> with it.</summary>
    public required string? BusinessTimeZone { get; init; }

    /// <summary>The deadline every rule ran under; zero when no rule ran (the rule set could not be read).</summary>
    public required TimeSpan Deadline { get; init; }

    /// <summary>From the start of the evaluation to the decision.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Every rule's outcome, in the order the rules were registered.</summary>
    public required IReadOnlyList<RuleOutcome> Rules { get; init; }

    /// <summary>Whether the subject may go on (pass or flag).</summary>
    public bool IsAllowed => Outcome != VerdictKind.Reject;

    /// <summary>The outcomes of <paramref name="kind"/> (the flags for the regulatory reports, the rejections for the customer).</summary>
    public IEnumerable<RuleOutcome> OutcomesOf(VerdictKind kind) => Rules.Where(r => r.Kind == kind);
}
