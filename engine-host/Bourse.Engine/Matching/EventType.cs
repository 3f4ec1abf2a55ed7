namespace Bourse.Engine.Matching;

/// <summary>The kind of a <see cref="MatchEvent"/>.</summary>
public enum EventType : byte
{
    /// <summary>A new or market order passed validation. Trades, a rest or a cancel of its remainder follow.</summary>
    Accepted = 0,

    /// <summary>The command was invalid and changed nothing; <see cref="MatchEvent.Reason"/> is a <see cref="RejectReason"/>.</summary>
    Rejected = 1,

    /// <summary>A trade: taker <see cref="MatchEvent.OrderId"/>, maker <see cref="MatchEvent.MakerOrderId"/>, at the maker's price.</summary>
    Trade = 2,

    /// <summary>An order or its remainder left the book; <see cref="MatchEvent.Reason"/> is a <see cref="CancelReason"/>.</summary>
    Cancelled = 3,

    /// <summary>A replace was applied: new price and new remaining quantity. Matching and resting events follow.</summary>
    Replaced = 4,

    /// <summary>An L2 level changed: side, price, total quantity and order count after the change (0 and 0: the level is gone).</summary>
    LevelChanged = 5,
}
