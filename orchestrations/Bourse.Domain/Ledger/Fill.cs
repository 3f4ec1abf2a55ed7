namespace Bourse.Domain.Ledger;

/// <summary>
/// An execution to clear: <see cref="Quantity"/> of <see cref="InstrumentId"/> at <see cref="Price"/> (in
/// <see cref="Currency"/>) from the seller to the buyer, each paying its fee to the firm.
/// </summary>
/// <param name="InstrumentId">The instrument, also the securities asset (<c>XSHG:600000</c>).</param>
/// <param name="TradeId">The engine's trade id, unique per instrument: with the instrument, the fill's identity.</param>
/// <param name="ExecutedAt">When the engine matched it; its UTC day places the entry (the same trade always has the same time).</param>
/// <param name="Price">Price per unit, in the currency.</param>
/// <param name="Quantity">Units traded; positive.</param>
/// <param name="Currency">ISO 4217 code of the cash leg.</param>
/// <param name="Buyer">Receives the securities, pays cash plus its fee (from its order's hold if it has one).</param>
/// <param name="Seller">Delivers the securities (from its order's hold if it has one), receives cash minus its fee.</param>
/// <param name="BuyerFee">Non-negative, in the currency (see <see cref="FeeSchedule"/>).</param>
/// <param name="SellerFee">Non-negative, in the currency.</param>
public sealed record Fill(
    string InstrumentId,
    string TradeId,
    DateTimeOffset ExecutedAt,
    decimal Price,
    long Quantity,
    string Currency,
    FillParty Buyer,
    FillParty Seller,
    decimal BuyerFee = 0m,
    decimal SellerFee = 0m)
{
    /// <summary>Price times quantity.</summary>
    public decimal Notional => Price * Quantity;

    /// <summary>This fill with both fees computed by <paramref name="schedule"/>.</summary>
    public Fill WithFees(FeeSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return this with { BuyerFee = schedule.BuyerFee(Notional), SellerFee = schedule.SellerFee(Notional) };
    }
}
