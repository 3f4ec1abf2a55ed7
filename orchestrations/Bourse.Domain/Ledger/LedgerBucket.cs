namespace Bourse.Domain.Ledger;

/// <summary>Which part of an account's balance in one asset a posting moves.</summary>
public enum LedgerBucket
{
    /// <summary>Free to trade or withdraw.</summary>
    Available = 0,

    /// <summary>
    /// Held for one order (<see cref="Posting.OrderId"/>). A credit adds to that order's hold. A debit takes what the
    /// hold has left and the rest from available, so that a fill for an order without a hold (or with too small a hold)
    /// clears through the same path and a release of "what is left" can never take more than is held.
    /// </summary>
    Held = 1,
}
