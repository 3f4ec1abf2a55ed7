namespace Bourse.Domain.Risk;

/// <summary>
/// One pre-trade risk rule. The <see cref="RiskEvaluator"/> runs every rule in parallel, each on the thread pool, under
/// one deadline; a rule that has not answered by then, or that throws, counts as a rejection (fail closed).
/// </summary>
/// <remarks>Implementations are singletons called concurrently; they keep no per-evaluation state and read their
/// settings from <see cref="RiskEvaluationContext.RuleSet"/> (the one snapshot of the evaluation), never from elsewhere.</remarks>
public interface IRiskRule
{
    /// <summary>A stable id, unique among the evaluator's rules, recorded with the verdict.</summary>
    string Id { get; }

    /// <summary>Judges <see cref="RiskEvaluationContext.Subject"/>.</summary>
    /// <param name="context">The subject, the rule set, the time and the shared look-ups of this evaluation.</param>
    /// <param name="cancellationToken">Cancelled at the deadline (or when the caller gives up); pass it to every call that waits.</param>
    ValueTask<RuleVerdict> EvaluateAsync(RiskEvaluationContext context, CancellationToken cancellationToken);
}
