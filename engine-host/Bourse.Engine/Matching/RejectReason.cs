namespace Bourse.Engine.Matching;

/// <summary>Why a command was rejected. A rejected command changes nothing in the book.</summary>
public enum RejectReason : byte
{
    None = 0,

    /// <summary>The quantity is zero or negative.</summary>
    InvalidQuantity = 1,

    /// <summary>The price is zero or negative.</summary>
    InvalidPrice = 2,

    /// <summary>The quantity is not a multiple of the instrument's lot size.</summary>
    LotSize = 3,

    /// <summary>The price is not a multiple of the instrument's tick size.</summary>
    TickSize = 4,

    /// <summary>The price is outside the band around the reference price (daily limit).</summary>
    PriceBand = 5,

    /// <summary>A new order's id is the id of a live order.</summary>
    DuplicateOrderId = 6,

    /// <summary>Cancel or replace of an order that is unknown or already finished.</summary>
    UnknownOrder = 7,

    /// <summary>A post-only order's price reaches the best opposite price.</summary>
    PostOnlyWouldCross = 8,

    /// <summary>The command type or a field's enumeration value is not one the book knows.</summary>
    InvalidCommand = 9,
}
