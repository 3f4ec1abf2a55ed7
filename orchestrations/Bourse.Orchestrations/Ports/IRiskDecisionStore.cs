using Bourse.Domain.Risk;

namespace Bourse.Orchestrations.Ports;

/// <summary>
/// Where risk decisions are kept, one per order, as the evidence behind a rejection (a port: an adapter writes them to the
/// system of record). The AssessRisk activity reads first, so that a retried activity reuses the decision it stored
/// instead of judging the order again under a rule set that may have been reloaded since.
/// </summary>
public interface IRiskDecisionStore
{
    /// <summary>The decision stored for <paramref name="orderId"/>, or <see langword="null"/>.</summary>
    ValueTask<RiskDecision?> FindAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="decision"/> for <paramref name="orderId"/>; storing it again is harmless (first write wins).</summary>
    ValueTask SaveAsync(string orderId, RiskDecision decision, CancellationToken cancellationToken = default);
}

/// <summary>Where the flags of allowed orders go for the regulatory reports (large-value, suspicious).</summary>
public interface IRegulatoryFlagSink
{
    /// <summary>Records <paramref name="flags"/>; idempotent by (<see cref="RegulatoryFlag.OrderId"/>, <see cref="RegulatoryFlag.RuleId"/>).</summary>
    ValueTask RecordAsync(IReadOnlyList<RegulatoryFlag> flags, CancellationToken cancellationToken = default);
}

/// <summary>One reportable flag of one order.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="RuleId">The rule that flagged it.</param>
/// <param name="ReasonCode">The rule's reason code (<see cref="RiskReasonCodes"/>).</param>
/// <param name="Detail">The rule's sentence.</param>
/// <param name="RuleSetVersion">The rule set that judged it.</param>
/// <param name="EvaluatedAt">When it was judged.</param>
public sealed record RegulatoryFlag(
    string OrderId, string AccountId, string CustomerId, string RuleId, string ReasonCode, string Detail, string? RuleSetVersion,
    DateTimeOffset EvaluatedAt);
