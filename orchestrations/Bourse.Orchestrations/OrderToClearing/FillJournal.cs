using System.Globalization;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.OrderToClearing;

/// <summary>One fill to clear (input of the ClearFill activity).</summary>
/// <param name="OrderId">The order (its hold has the same id).</param>
/// <param name="AccountId">The order's account.</param>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="Currency">The instrument's currency.</param>
/// <param name="Side">The order's side.</param>
/// <param name="TradeId">The engine's trade id (unique per instrument).</param>
/// <param name="Price">The trade price.</param>
/// <param name="Quantity">The traded quantity.</param>
/// <param name="Fee">The fee of this fill (<see cref="FeeSchedule.ForFill"/>).</param>
public sealed record FillClearing(
    string OrderId, string AccountId, int InstrumentId, string Currency, OrderSide Side, long TradeId, decimal Price, long Quantity, decimal Fee);

/// <summary>The double-entry journal entry of a fill, against the central counterparty.</summary>
public static class FillJournal
{
    /// <summary>
    /// The entry id of one side of a fill: <c>fill:{instrumentId}:{tradeId}:{buy|sell}</c>. The side is part of it because
    /// both orders of a trade can be ours, each with its own saga and its own entry against the counterparty; without it
    /// the second side's entry was taken for a retry of the first and never applied.
    /// </summary>
    public static string EntryId(int instrumentId, long tradeId, OrderSide side) =>
        string.Create(CultureInfo.InvariantCulture, $"fill:{instrumentId}:{tradeId}:{(side == OrderSide.Buy ? "buy" : "sell")}");

    /// <summary>
    /// The entry of <paramref name="fill"/>. A buy: the hold pays notional + fee, the counterparty gets the notional and fee
    /// income the fee; the counterparty delivers the securities to the account. A sell: the hold delivers the securities to
    /// the counterparty, which pays the notional: the account gets it less the fee. Each asset sums to zero.
    /// </summary>
    public static JournalEntry Build(FillClearing fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return Build(fill, fill.OrderId);
    }

    /// <summary>
    /// The entry of a fill of an order that has no saga (direct order entry): the same postings as <see cref="Build"/>
    /// under the same id, but the account's side is taken from its available balance, because no hold was placed, and
    /// the entry is <see cref="JournalEntry.AlreadyExecuted"/>: the engine has traded, so the ledger records it even below
    /// the account's floor.
    /// </summary>
    public static JournalEntry BuildDirectEntry(FillClearing fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        return Build(fill, holdId: null) with { AlreadyExecuted = true };
    }

    private static JournalEntry Build(FillClearing fill, string? holdId)
    {
        decimal notional = fill.Price * fill.Quantity;
        string security = Assets.Security(fill.InstrumentId);
        var postings = new List<Posting>();
        if (fill.Side == OrderSide.Buy)
        {
            postings.Add(new(fill.AccountId, fill.Currency, -(notional + fill.Fee), holdId));
            postings.Add(new(LedgerAccounts.CentralCounterparty, fill.Currency, notional));
            AddFee(postings, fill);
            postings.Add(new(LedgerAccounts.CentralCounterparty, security, -fill.Quantity));
            postings.Add(new(fill.AccountId, security, fill.Quantity));
        }
        else
        {
            postings.Add(new(fill.AccountId, security, -fill.Quantity, holdId));
            postings.Add(new(LedgerAccounts.CentralCounterparty, security, fill.Quantity));
            postings.Add(new(LedgerAccounts.CentralCounterparty, fill.Currency, -notional));
            postings.Add(new(fill.AccountId, fill.Currency, notional - fill.Fee));
            AddFee(postings, fill);
        }

        string description = string.Create(
            CultureInfo.InvariantCulture, $"order {fill.OrderId} {fill.Side} {fill.Quantity} @ {fill.Price} (trade {fill.TradeId})");
        return new JournalEntry(EntryId(fill.InstrumentId, fill.TradeId, fill.Side), description, postings);
    }

    private static void AddFee(List<Posting> postings, FillClearing fill)
    {
        if (fill.Fee != 0)
        {
            postings.Add(new(LedgerAccounts.Fees, fill.Currency, fill.Fee));
        }
    }
}
