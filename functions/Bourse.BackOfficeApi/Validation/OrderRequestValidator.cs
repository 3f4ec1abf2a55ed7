using System.Globalization;
using Bourse.BackOfficeApi.Contracts;
using Bourse.Orchestrations;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;

namespace Bourse.BackOfficeApi.Validation;

/// <summary>
/// Checks a <see cref="SubmitOrderRequest"/> before anything starts: the shape first (required members, positive
/// numbers, lengths), then against the reference data (instrument known, price on its tick, quantity on its lot,
/// account known). The saga checks again (tradable, limits, account active): the API refuses what is wrong on its face
/// and unknown, so that no saga is started for it.
/// </summary>
public sealed class OrderRequestValidator(IReferenceData referenceData)
{
    /// <summary>The longest client order id (the saga's cancel ids must stay within the engine's 64 characters).</summary>
    public const int MaxClientOrderIdLength = 48;

    /// <summary>The longest account, user or region id taken.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The errors of <paramref name="request"/> by field, empty when it is valid; and the saga's input when it is.</summary>
    public async Task<(IReadOnlyDictionary<string, string[]> Errors, OrderToClearingInput? Input)> ValidateAsync(
        SubmitOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        CheckId(request.ClientOrderId, "clientOrderId", MaxClientOrderIdLength, required: true, Add);
        CheckId(request.AccountId, "accountId", MaxIdLength, required: true, Add);
        CheckId(request.UserId, "userId", MaxIdLength, required: false, Add);
        CheckId(request.RegionCode, "regionCode", MaxIdLength, required: false, Add);
        if (request.Instrument is null)
        {
            Add("instrument", "Required.");
        }
        else if (request.Instrument <= 0)
        {
            Add("instrument", "Must be a positive instrument id.");
        }

        if (request.Side is null)
        {
            Add("side", "Required: buy or sell.");
        }

        bool market = request.Type == OrderType.Market;
        if (market)
        {
            if (request.Price is not null)
            {
                Add("price", "A market order has no price; leave it out, or send a limit order.");
            }

            if (request.TimeInForce is { } given && given != TimeInForce.Ioc)
            {
                Add("timeInForce", "A market order is immediate or cancel: ioc, or leave it out.");
            }
        }
        else if (request.Price is null)
        {
            Add("price", "Required: the limit price.");
        }
        else if (request.Price <= 0m)
        {
            Add("price", "Must be greater than zero.");
        }

        if (request.Quantity is null)
        {
            Add("quantity", "Required.");
        }
        else if (request.Quantity <= 0)
        {
            Add("quantity", "Must be greater than zero.");
        }

        var timeInForce = request.TimeInForce ?? (market ? TimeInForce.Ioc : TimeInForce.Gtc);
        if (timeInForce is TimeInForce.Day or TimeInForce.Gtd && request.ExpiresAt is null)
        {
            Add("expiresAt", $"Required for a {timeInForce} order.");
        }

        // Only an order whose shape is right is worth the reference data's reads.
        if (errors.Count == 0)
        {
            var instrument = await referenceData.GetInstrumentAsync(request.Instrument!.Value, cancellationToken).ConfigureAwait(false);
            if (instrument is null)
            {
                Add("instrument", $"Unknown instrument {request.Instrument.Value.ToString(CultureInfo.InvariantCulture)}.");
            }
            else
            {
                if (!market && request.Price!.Value % instrument.TickSize != 0m)
                {
                    Add("price", $"Must be a multiple of the tick size {instrument.TickSize.ToString(CultureInfo.InvariantCulture)} {instrument.Currency}.");
                }

                if (request.Quantity!.Value % instrument.LotSize != 0)
                {
                    Add("quantity", $"Must be a multiple of the lot size {instrument.LotSize.ToString(CultureInfo.InvariantCulture)}.");
                }
            }

            if (await referenceData.GetAccountAsync(request.AccountId!, cancellationToken).ConfigureAwait(false) is null)
            {
                Add("accountId", $"Unknown account {request.AccountId}.");
            }
        }

        var result = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        if (result.Count > 0)
        {
            return (result, null);
        }

        var input = new OrderToClearingInput
        {
            OrderId = OrderIds.Derive(request.AccountId!, request.ClientOrderId!),
            ClientOrderId = request.ClientOrderId!,
            AccountId = request.AccountId!,
            UserId = request.UserId,
            InstrumentId = request.Instrument!.Value,
            Side = request.Side!.Value,
            LimitPrice = market ? 0m : request.Price!.Value,
            Kind = market ? OrderKind.Market : OrderKind.Limit,
            Quantity = request.Quantity!.Value,
            TimeInForce = timeInForce,
            ExpiresAt = request.ExpiresAt,
        };
        return (result, input);
    }

    private static void CheckId(string? value, string field, int maxLength, bool required, Action<string, string> add)
    {
        if (value is null)
        {
            if (required)
            {
                add(field, "Required.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            add(field, "Must not be empty.");
        }
        else if (value.Length > maxLength)
        {
            add(field, $"At most {maxLength.ToString(CultureInfo.InvariantCulture)} characters.");
        }
        // Ids end up in Cosmos DB ids, URLs and the engine's client ids: the characters those cannot hold are refused here.
        else if (value.AsSpan().IndexOfAny(['/', '\\', '?', '#']) >= 0 || value.Any(char.IsControl))
        {
            add(field, "Must not contain '/', '\\', '?', '#' or control characters.");
        }
    }
}
