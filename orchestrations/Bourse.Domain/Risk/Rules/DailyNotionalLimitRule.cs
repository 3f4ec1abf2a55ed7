using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Ports;

namespace Bourse.Domain.Risk.Rules;

/// <summary>
/// The account's daily notional limit (<see cref="DailyNotionalLimitOptions"/>): a securities order whose notional, added
/// to the account's executed and pending notional of the business day, exceeds the limit is rejected. Other channels pass.
/// </summary>
public sealed class DailyNotionalLimitRule : IRiskRule
{
    private readonly IAccountExposureSource _exposures;

    /// <summary>A rule that reads accounts' exposure from <paramref name="exposures"/>.</summary>
    public DailyNotionalLimitRule(IAccountExposureSource exposures)
    {
        ArgumentNullException.ThrowIfNull(exposures);
        _exposures = exposures;
    }

    /// <inheritdoc/>
    public string Id => RiskRuleIds.DailyNotionalLimit;

    /// <inheritdoc/>
    public async ValueTask<RuleVerdict> EvaluateAsync(RiskEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        DailyNotionalLimitOptions options = context.RuleSet.DailyNotionalLimit;
        RiskSubject subject = context.Subject;
        if (!options.Enabled)
        {
            return Inputs.Disabled("daily notional limit");
        }

        if (subject.Channel != TransactionChannel.SecuritiesOrder)
        {
            return Inputs.NotApplicable("daily notional limit", subject.Channel);
        }

        string currency = subject.Notional.Currency;
        var inputs = new Dictionary<string, string> { ["account"] = subject.AccountId, ["notional"] = subject.Notional.ToString() };
        if (!TryFindLimit(options, subject.AccountId, currency, out decimal limit, out string source))
        {
            return RuleVerdict.Reject(RiskReasonCodes.LimitNotConfigured, $"No daily notional limit is configured for account {subject.AccountId} in {currency}.", inputs);
        }

        AccountExposure exposure = await _exposures.GetDailyExposureAsync(subject.AccountId, context.BusinessDay, currency, subject.OrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{_exposures.GetType().Name}.{nameof(IAccountExposureSource.GetDailyExposureAsync)} returned null");
        inputs["limit"] = new Money(limit, currency).ToString();
        inputs["limitSource"] = source;
        inputs["businessDay"] = Inputs.Of(context.BusinessDay);
        inputs["executed"] = exposure.Executed.ToString();
        inputs["pending"] = exposure.Pending.ToString();
        if (exposure.Executed.Currency != currency || exposure.Pending.Currency != currency)
        {
            return RuleVerdict.Reject(RiskReasonCodes.LimitCurrencyMismatch, $"The account's exposure came back in another currency than the order's {currency}.", inputs);
        }

        decimal total = exposure.Executed.Amount + exposure.Pending.Amount + subject.Notional.Amount;
        inputs["total"] = new Money(total, currency).ToString();
        return total > limit
            ? RuleVerdict.Reject(RiskReasonCodes.LimitDailyNotionalExceeded,
                $"Today's notional with this order, {total} {currency}, exceeds the account's daily limit of {limit} {currency}.", inputs)
            : RuleVerdict.Pass(RiskReasonCodes.LimitWithin, $"Today's notional with this order, {total} {currency}, is within the daily limit of {limit} {currency}.", inputs);
    }

    private static bool TryFindLimit(DailyNotionalLimitOptions options, string accountId, string currency, out decimal limit, out string source)
    {
        if (options.AccountLimits.TryGetValue(accountId, out IDictionary<string, decimal>? own) && own.TryGetValue(currency, out limit))
        {
            source = "AccountLimits";
            return true;
        }

        source = "Limits";
        return options.Limits.TryGetValue(currency, out limit);
    }
}
