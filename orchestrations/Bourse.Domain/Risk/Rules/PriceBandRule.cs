using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Ports;

namespace Bourse.Domain.Risk.Rules;

/// <summary>
/// Price sanity (<see cref="PriceBandOptions"/>): a securities limit order whose price lies outside ± the band around the
/// instrument's reference price is rejected (the edges are inside). Market orders and other channels pass; an instrument
/// without a reference price rejects (fail closed).
/// </summary>
public sealed class PriceBandRule : IRiskRule
{
    private readonly IReferencePriceSource _referencePrices;

    /// <summary>A rule that reads reference prices from <paramref name="referencePrices"/>.</summary>
    public PriceBandRule(IReferencePriceSource referencePrices)
    {
        ArgumentNullException.ThrowIfNull(referencePrices);
        _referencePrices = referencePrices;
    }

    /// <inheritdoc/>
    public string Id => RiskRuleIds.PriceBand;

    /// <inheritdoc/>
    public async ValueTask<RuleVerdict> EvaluateAsync(RiskEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        PriceBandOptions options = context.RuleSet.PriceBand;
        RiskSubject subject = context.Subject;
        if (!options.Enabled)
        {
            return Inputs.Disabled("price band");
        }

        if (subject.Channel != TransactionChannel.SecuritiesOrder)
        {
            return Inputs.NotApplicable("price band", subject.Channel);
        }

        string instrument = subject.InstrumentId!;
        if (subject.LimitPrice is not { } price)
        {
            return RuleVerdict.Pass(RiskReasonCodes.PriceMarketOrder, "A market order has no limit price to check.",
                new Dictionary<string, string> { ["instrument"] = instrument });
        }

        var inputs = new Dictionary<string, string> { ["instrument"] = instrument, ["limitPrice"] = new Money(price, subject.Notional.Currency).ToString() };
        ReferencePrice? reference = await _referencePrices.GetReferencePriceAsync(instrument, cancellationToken).ConfigureAwait(false);
        if (reference is null || reference.Price.Amount <= 0)
        {
            return RuleVerdict.Reject(RiskReasonCodes.PriceNoReference, $"Instrument {instrument} has no reference price to check the limit price against.", inputs);
        }

        inputs["referencePrice"] = reference.Price.ToString();
        inputs["referenceAsOf"] = Inputs.Of(reference.AsOf);
        if (reference.Price.Currency != subject.Notional.Currency)
        {
            return RuleVerdict.Reject(RiskReasonCodes.PriceCurrencyMismatch,
                $"The reference price of {instrument} is in {reference.Price.Currency}, the order in {subject.Notional.Currency}.", inputs);
        }

        decimal percent = options.InstrumentMaxDeviationPercent.TryGetValue(instrument, out decimal own) ? own : options.MaxDeviationPercent;
        decimal low = reference.Price.Amount * (1m - (percent / 100m));
        decimal high = reference.Price.Amount * (1m + (percent / 100m));
        inputs["maxDeviationPercent"] = Inputs.Of(percent);
        inputs["band"] = $"{Inputs.Of(low)}..{Inputs.Of(high)}";
        return price < low || price > high
            ? RuleVerdict.Reject(RiskReasonCodes.PriceOutsideBand,
                $"The limit price {Inputs.Of(price)} is outside ±{Inputs.Of(percent)}% of the reference price {reference.Price} ({Inputs.Of(low)} to {Inputs.Of(high)}).", inputs)
            : RuleVerdict.Pass(RiskReasonCodes.PriceWithinBand, $"The limit price {Inputs.Of(price)} is within ±{Inputs.Of(percent)}% of the reference price {reference.Price}.", inputs);
    }
}
