using Bourse.Domain.Risk;
using Bourse.Orchestrations.Ports;
using Microsoft.Extensions.Options;

namespace Bourse.Orchestrations.OrderToClearing.Activities;

/// <summary>The input of <see cref="ReserveFundsActivity"/>.</summary>
public sealed record ReserveFundsRequest(string OrderId, string AccountId, int InstrumentId, string Currency, OrderSide Side, decimal LimitPrice, long Quantity);

/// <summary>The answer of <see cref="ReserveFundsActivity"/>.</summary>
/// <param name="Reserved">Whether the hold is in place (false: insufficient balance, a business rejection).</param>
/// <param name="Hold">The hold asked for.</param>
/// <param name="FeeRate">The fee rate the hold was sized with; the fills are charged at it.</param>
/// <param name="Available">The available balance the ledger saw.</param>
public sealed record Reservation(bool Reserved, HoldRequest Hold, decimal FeeRate, decimal Available);

/// <summary>
/// Step 3, ReserveFunds: a hold on the account, named by the order id (idempotent). A buy holds cash: limit price ×
/// quantity plus the fee on it (<see cref="FeeSchedule"/>); a sell holds the securities (the fee comes out of the proceeds).
/// </summary>
public sealed class ReserveFundsActivity(ILedger ledger, IOptions<FeeSchedule> fees) : ISagaActivity<ReserveFundsRequest, Reservation>
{
    /// <inheritdoc/>
    public async Task<Reservation> RunAsync(ReserveFundsRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        decimal rate = fees.Value.Rate;
        HoldRequest hold = HoldFor(input, rate);
        HoldResult result = await ledger.ReserveAsync(hold, cancellationToken).ConfigureAwait(false);
        return new Reservation(result.Reserved, hold, rate, result.Available);
    }

    /// <summary>The hold an order needs.</summary>
    internal static HoldRequest HoldFor(ReserveFundsRequest input, decimal feeRate)
    {
        if (input.Side == OrderSide.Sell)
        {
            return new HoldRequest(input.OrderId, input.AccountId, Assets.Security(input.InstrumentId), input.Quantity);
        }

        decimal notional = input.LimitPrice * input.Quantity;
        return new HoldRequest(input.OrderId, input.AccountId, input.Currency, notional + FeeSchedule.For(notional, feeRate));
    }
}
