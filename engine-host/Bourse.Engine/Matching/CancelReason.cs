namespace Bourse.Engine.Matching;

/// <summary>Why an order or its remainder left the book without trading.</summary>
public enum CancelReason : byte
{
    None = 0,

    /// <summary>A cancel command.</summary>
    Requested = 1,

    /// <summary>The remainder of an IOC order after matching.</summary>
    ImmediateOrCancelRemainder = 2,

    /// <summary>The remainder of a market order after sweeping the opposite side.</summary>
    MarketRemainder = 3,

    /// <summary>A FOK order that could not fill completely on arrival; nothing traded.</summary>
    FillOrKillUnfillable = 4,

    /// <summary>Self-trade prevention (cancel newest): the next maker belonged to the taker's account.</summary>
    SelfTradePrevention = 5,

    /// <summary>A DAY order at the end of the session.</summary>
    EndOfSession = 6,
}
