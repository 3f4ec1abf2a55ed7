namespace Bourse.Domain.Ledger;

/// <summary>What a <see cref="JournalEntry"/> records.</summary>
public enum JournalEntryKind
{
    /// <summary>A transfer between accounts (deposits from a funding account, corrections).</summary>
    Transfer = 0,

    /// <summary>Available to held for an order (<c>hold:{orderId}</c>).</summary>
    Hold = 1,

    /// <summary>What is left of an order's hold back to available (<c>release:{orderId}</c>).</summary>
    Release = 2,

    /// <summary>A fill: cash and securities between buyer and seller, fees to the fee account (<c>fill:{instrumentId}:{tradeId}</c>).</summary>
    Fill = 3,

    /// <summary>
    /// A fill of an order entered directly at the engine (no saga, so no hold): the trade has already happened, so the entry
    /// is applied even where it leaves an account below its floor; refusing it would not undo the trade, only hide it.
    /// </summary>
    DirectFill = 4,
}
