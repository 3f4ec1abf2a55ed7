namespace Bourse.Domain.Ledger;

/// <summary>Builds the journal entries of the ledger's operations, each under its deterministic id.</summary>
public static class LedgerEntries
{
    /// <summary>Available to held for <paramref name="orderId"/>: <c>hold:{orderId}</c>.</summary>
    public static JournalEntry Hold(string orderId, string accountId, string asset, decimal amount)
    {
        if (amount <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "a hold is positive");
        }

        return new JournalEntry(EntryIds.Hold(orderId), JournalEntryKind.Hold,
        [
            Posting.Available(accountId, asset, -amount),
            Posting.Held(accountId, asset, amount, orderId),
        ]);
    }

    /// <summary>
    /// <paramref name="remaining"/> (what the hold has left) back to available: <c>release:{orderId}</c>; no postings
    /// when nothing is left.
    /// </summary>
    public static JournalEntry Release(string orderId, string accountId, string asset, decimal remaining)
    {
        if (remaining < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(remaining), remaining, "a hold never has less than nothing left");
        }

        return new JournalEntry(EntryIds.Release(orderId), JournalEntryKind.Release, remaining == 0m
            ? []
            :
            [
                Posting.Held(accountId, asset, -remaining, orderId),
                Posting.Available(accountId, asset, remaining),
            ]);
    }

    /// <summary>
    /// The postings of a fill: the buyer pays notional plus its fee from its order's hold (the rest from available), the
    /// seller delivers the quantity from its order's hold (the rest from available); the seller receives notional minus
    /// its fee, the buyer the quantity, <paramref name="feeAccountId"/> both fees. <c>fill:{instrumentId}:{tradeId}</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Quantity or price not positive, a negative fee, a fee above the seller's proceeds, or missing ids.</exception>
    public static JournalEntry Fill(Fill fill, string feeAccountId)
    {
        ArgumentNullException.ThrowIfNull(fill);
        ArgumentException.ThrowIfNullOrWhiteSpace(feeAccountId);
        if (fill.Quantity <= 0 || fill.Price <= 0m)
        {
            throw new ArgumentException($"fill {fill.TradeId}: price and quantity must be positive", nameof(fill));
        }

        if (fill.BuyerFee < 0m || fill.SellerFee < 0m || fill.SellerFee > fill.Notional)
        {
            throw new ArgumentException($"fill {fill.TradeId}: fees must be non-negative and the seller's no more than the notional", nameof(fill));
        }

        if (!Money.IsCurrencyCode(fill.Currency))
        {
            throw new ArgumentException($"fill {fill.TradeId}: '{fill.Currency}' is not a currency code", nameof(fill));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(fill.Buyer.AccountId, nameof(fill));
        ArgumentException.ThrowIfNullOrWhiteSpace(fill.Buyer.OrderId, nameof(fill));
        ArgumentException.ThrowIfNullOrWhiteSpace(fill.Seller.AccountId, nameof(fill));
        ArgumentException.ThrowIfNullOrWhiteSpace(fill.Seller.OrderId, nameof(fill));

        var notional = fill.Notional;
        var postings = new List<Posting>
        {
            Posting.Held(fill.Buyer.AccountId, fill.Currency, -(notional + fill.BuyerFee), fill.Buyer.OrderId),
            Posting.Available(fill.Seller.AccountId, fill.Currency, notional - fill.SellerFee),
            Posting.Held(fill.Seller.AccountId, fill.InstrumentId, -fill.Quantity, fill.Seller.OrderId),
            Posting.Available(fill.Buyer.AccountId, fill.InstrumentId, fill.Quantity),
        };
        if (notional - fill.SellerFee == 0m)
        {
            postings.RemoveAt(1);
        }

        if (fill.BuyerFee + fill.SellerFee > 0m)
        {
            postings.Add(Posting.Available(feeAccountId, fill.Currency, fill.BuyerFee + fill.SellerFee));
        }

        return new JournalEntry(EntryIds.Fill(fill.InstrumentId, fill.TradeId), JournalEntryKind.Fill, postings);
    }

    /// <summary>A balanced transfer between available balances (deposits from a funding account, corrections).</summary>
    public static JournalEntry Transfer(string reference, string fromAccountId, string toAccountId, string asset, decimal amount)
    {
        if (amount <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "a transfer is positive");
        }

        return new JournalEntry(EntryIds.Transfer(reference), JournalEntryKind.Transfer,
        [
            Posting.Available(fromAccountId, asset, -amount),
            Posting.Available(toAccountId, asset, amount),
        ]);
    }
}
