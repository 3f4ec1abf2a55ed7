using Bourse.Domain;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.OrderToClearing.Activities;

/// <summary>The input of <see cref="AssessRiskActivity"/>.</summary>
public sealed record AssessRiskRequest(OrderToClearingInput Order, AccountInfo Account, InstrumentInfo Instrument);

/// <summary>The answer of <see cref="AssessRiskActivity"/> (the full decision stays in the store).</summary>
/// <param name="Outcome">Pass, flag or reject.</param>
/// <param name="Rejections">The rules that rejected.</param>
/// <param name="Flags">The rules that flagged.</param>
/// <param name="RuleSetVersion">The rule set that judged.</param>
public sealed record RiskAssessment(VerdictKind Outcome, IReadOnlyList<SagaReason> Rejections, IReadOnlyList<SagaReason> Flags, string? RuleSetVersion);

/// <summary>
/// Step 2, AssessRisk: runs the <see cref="RiskEvaluator"/> on the order, stores the decision through
/// <see cref="IRiskDecisionStore"/>, records the flags of an allowed order through <see cref="IRegulatoryFlagSink"/> and
/// the allowed order as pending in the <see cref="IOrderActivityLog"/> (so that the customer's next orders count it).
/// Idempotent by order id: a stored decision is reused, never re-judged.
/// </summary>
public sealed class AssessRiskActivity(RiskEvaluator evaluator, IRiskDecisionStore decisions, IRegulatoryFlagSink flags, IOrderActivityLog activityLog)
    : ISagaActivity<AssessRiskRequest, RiskAssessment>
{
    /// <inheritdoc/>
    public async Task<RiskAssessment> RunAsync(AssessRiskRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        OrderToClearingInput order = input.Order;
        RiskDecision? decision = await decisions.FindAsync(order.OrderId, cancellationToken).ConfigureAwait(false);
        if (decision is null)
        {
            RiskSubject subject = Subject(input);
            decision = await evaluator.EvaluateAsync(subject, cancellationToken).ConfigureAwait(false);
            for (int attempt = 1; attempt < EvaluationsWhileTimingOut && RejectsOnlyForTimeouts(decision); attempt++)
            {
                decision = await evaluator.EvaluateAsync(subject, cancellationToken).ConfigureAwait(false);
            }

            await decisions.SaveAsync(order.OrderId, decision, cancellationToken).ConfigureAwait(false);
        }

        List<SagaReason> flagged = [.. decision.OutcomesOf(VerdictKind.Flag).Select(o => new SagaReason(o.ReasonCode, o.Detail))];
        if (decision.IsAllowed && flagged.Count > 0)
        {
            RegulatoryFlag[] records =
            [
                .. decision.OutcomesOf(VerdictKind.Flag).Select(o => new RegulatoryFlag(
                    order.OrderId, order.AccountId, input.Account.CustomerId, o.RuleId, o.ReasonCode, o.Detail, decision.RuleSetVersion,
                    decision.EvaluatedAt)),
            ];
            await flags.RecordAsync(records, cancellationToken).ConfigureAwait(false);
        }

        if (decision.IsAllowed)
        {
            await activityLog.RecordPendingAsync(Pending(decision), cancellationToken).ConfigureAwait(false);
        }

        return new RiskAssessment(
            decision.Outcome,
            [.. decision.OutcomesOf(VerdictKind.Reject).Select(o => new SagaReason(o.ReasonCode, o.Detail))],
            flagged,
            decision.RuleSetVersion);
    }

    /// <summary>
    /// How many times an order is judged while its only rejections are rules that timed out: a rule past its deadline on a
    /// cold host or in a pause is not the customer's fault, so it is asked again (twice) before the order is refused for
    /// it; a rule that times out every time still fails closed. Nothing is stored or recorded until the last judgement.
    /// </summary>
    internal const int EvaluationsWhileTimingOut = 3;

    internal static bool RejectsOnlyForTimeouts(RiskDecision decision)
    {
        bool any = false;
        foreach (RuleOutcome outcome in decision.OutcomesOf(VerdictKind.Reject))
        {
            if (outcome.ReasonCode != RiskReasonCodes.RuleTimeout)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    /// <summary>
    /// The allowed order as a pending transaction, from the stored decision (not the request): a retry after a rule-set
    /// reload records the same time, day and notional the order was judged with.
    /// </summary>
    internal static PendingOrderActivity Pending(RiskDecision decision)
    {
        RiskSubject subject = decision.Subject;
        // An allowing decision always has a business day (only an unreadable rule set leaves it out, and that rejects).
        DateOnly day = decision.BusinessDay ?? DateOnly.FromDateTime(decision.EvaluatedAt.UtcDateTime);
        return new PendingOrderActivity(
            subject.OrderId, subject.AccountId, subject.CustomerId, subject.Notional, decision.EvaluatedAt, day, subject.Channel, subject.IsCrossBorder);
    }

    /// <summary>The risk subject of a securities order: notional = working price × quantity in the instrument's currency
    /// (the limit price; for a market order, today's upper limit: the most it can cost), no limit price for a market order.</summary>
    internal static RiskSubject Subject(AssessRiskRequest input)
    {
        OrderToClearingInput order = input.Order;
        return new RiskSubject
        {
            OrderId = order.OrderId,
            AccountId = order.AccountId,
            CustomerId = input.Account.CustomerId,
            CustomerType = input.Account.CustomerType,
            CustomerName = input.Account.CustomerName,
            CustomerCountry = input.Account.CustomerCountry,
            Channel = TransactionChannel.SecuritiesOrder,
            Notional = new Money((OrderPricing.WorkingPrice(order, input.Instrument) ?? 0m) * order.Quantity, input.Instrument.Currency),
            InstrumentId = order.InstrumentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Side = order.Side,
            LimitPrice = order.Kind == OrderKind.Market ? null : order.LimitPrice,
            Quantity = order.Quantity,
        };
    }
}
