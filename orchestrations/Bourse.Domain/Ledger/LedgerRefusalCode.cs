namespace Bourse.Domain.Ledger;

/// <summary>Why the ledger refused an entry. A refusal is a business answer: nothing was applied.</summary>
public enum LedgerRefusalCode
{
    /// <summary>
    /// An available balance would end below its floor (insufficient funds or securities; for a hold, "insufficient
    /// available"). A fill should never get this when holds are right.
    /// </summary>
    BelowFloor = 1,

    /// <summary>A hold for an order whose hold was already released (a late retry after the saga compensated).</summary>
    HoldReleased = 2,

    /// <summary>A hold for an order that already holds another asset.</summary>
    HoldAssetMismatch = 3,
}
