using System.Globalization;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.OrderToClearing.Activities;

/// <summary>The answer of <see cref="ValidateOrderActivity"/>.</summary>
/// <param name="IsValid">Whether the order may go on.</param>
/// <param name="Reasons">Every problem found; empty when valid.</param>
/// <param name="Instrument">The instrument, when known.</param>
/// <param name="Account">The account, when known.</param>
public sealed record ValidationResult(bool IsValid, IReadOnlyList<SagaReason> Reasons, InstrumentInfo? Instrument, AccountInfo? Account);

/// <summary>Step 1, Validate: the order's terms, the instrument (known, tradable, tick, lot, today's limits) and the account
/// (known, active), through <see cref="IReferenceData"/>. Reads only: safe to repeat.</summary>
public sealed class ValidateOrderActivity(IReferenceData referenceData) : ISagaActivity<OrderToClearingInput, ValidationResult>
{
    /// <summary>The longest client order id the saga accepts (its cancel ids add 11 characters to it; the engine allows 64).</summary>
    public const int MaxClientOrderIdLength = 48;

    /// <inheritdoc/>
    public async Task<ValidationResult> RunAsync(OrderToClearingInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reasons = new List<SagaReason>();
        if (input.Quantity <= 0)
        {
            reasons.Add(new(SagaReasonCodes.InvalidQuantity, $"quantity must be more than zero; it is {input.Quantity}"));
        }

        if (input.Kind == OrderKind.Limit && input.LimitPrice <= 0)
        {
            reasons.Add(new(SagaReasonCodes.InvalidPrice, $"limit price must be more than zero; it is {Text(input.LimitPrice)}"));
        }
        else if (input.Kind == OrderKind.Market && input.LimitPrice != 0)
        {
            reasons.Add(new(SagaReasonCodes.InvalidPrice, $"a market order has no limit price; it has {Text(input.LimitPrice)}"));
        }

        if (input.Kind == OrderKind.Market && input.TimeInForce != TimeInForce.Ioc)
        {
            reasons.Add(new(SagaReasonCodes.InvalidTimeInForce, $"a market order is immediate or cancel; it is {input.TimeInForce}"));
        }

        if (string.IsNullOrWhiteSpace(input.ClientOrderId) || input.ClientOrderId.Length > MaxClientOrderIdLength)
        {
            reasons.Add(new(SagaReasonCodes.InvalidClientOrderId, $"the client order id must have 1 to {MaxClientOrderIdLength} characters"));
        }

        if (input.TimeInForce is TimeInForce.Day or TimeInForce.Gtd && input.ExpiresAt is null)
        {
            reasons.Add(new(SagaReasonCodes.ExpiryMissing, $"a {input.TimeInForce} order needs an expiry"));
        }

        InstrumentInfo? instrument = await referenceData.GetInstrumentAsync(input.InstrumentId, cancellationToken).ConfigureAwait(false);
        if (instrument is null)
        {
            reasons.Add(new(SagaReasonCodes.InstrumentUnknown, $"instrument {input.InstrumentId} is unknown"));
        }
        else
        {
            CheckInstrument(input, instrument, reasons);
        }

        AccountInfo? account = await referenceData.GetAccountAsync(input.AccountId, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            reasons.Add(new(SagaReasonCodes.AccountUnknown, $"account {input.AccountId} is unknown"));
        }
        else if (account.Status != AccountStatus.Active)
        {
            reasons.Add(new(SagaReasonCodes.AccountNotActive, $"account {input.AccountId} is {account.Status}"));
        }

        return new ValidationResult(reasons.Count == 0, reasons, instrument, account);
    }

    private static void CheckInstrument(OrderToClearingInput input, InstrumentInfo instrument, List<SagaReason> reasons)
    {
        if (!instrument.IsTradable)
        {
            reasons.Add(new(SagaReasonCodes.InstrumentNotTradable, $"instrument {instrument.InstrumentId} is not tradable now"));
        }

        if (input.Kind == OrderKind.Market)
        {
            if (OrderPricing.WorkingPrice(input, instrument) is not > 0)
            {
                reasons.Add(new(SagaReasonCodes.MarketOrderUnpriced,
                    $"instrument {instrument.InstrumentId} has no upper price limit today to size a market order's hold"));
            }
        }
        else if (input.LimitPrice > 0 && (instrument.TickSize <= 0 || input.LimitPrice % instrument.TickSize != 0))
        {
            reasons.Add(new(SagaReasonCodes.TickSize, $"price {Text(input.LimitPrice)} is not a multiple of the tick size {Text(instrument.TickSize)}"));
        }

        if (input.Quantity > 0 && (instrument.LotSize <= 0 || input.Quantity % instrument.LotSize != 0))
        {
            reasons.Add(new(SagaReasonCodes.LotSize, $"quantity {input.Quantity} is not a multiple of the lot size {instrument.LotSize}"));
        }

        if (input.Kind == OrderKind.Limit && (input.LimitPrice < instrument.LowerPriceLimit || input.LimitPrice > instrument.UpperPriceLimit))
        {
            reasons.Add(new(
                SagaReasonCodes.PriceLimits,
                $"price {Text(input.LimitPrice)} is outside today's limits [{Text(instrument.LowerPriceLimit)}, {Text(instrument.UpperPriceLimit)}]"));
        }
    }

    private static string Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
