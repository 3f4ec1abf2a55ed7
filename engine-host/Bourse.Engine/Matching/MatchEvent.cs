using System.Runtime.InteropServices;

namespace Bourse.Engine.Matching;

/// <summary>
/// One output of the book. A struct written in place into a pre-allocated buffer or ring slot, never an object.
/// </summary>
/// <remarks>
/// Field use by <see cref="Type"/>:
/// <list type="bullet">
/// <item><see cref="EventType.Accepted"/>: order id, side, price (0 for market), quantity.</item>
/// <item><see cref="EventType.Rejected"/>: order id, <see cref="Reason"/> as <see cref="RejectReason"/>.</item>
/// <item><see cref="EventType.Trade"/>: taker <see cref="OrderId"/>, <see cref="MakerOrderId"/>, taker side, price, quantity,
/// both accounts and both orders' <see cref="LeavesQuantity"/> and <see cref="MakerLeavesQuantity"/>.</item>
/// <item><see cref="EventType.Cancelled"/>: order id, side, price, remaining quantity cancelled, <see cref="Reason"/> as <see cref="CancelReason"/>.</item>
/// <item><see cref="EventType.Replaced"/>: order id, side, new price, new quantity.</item>
/// <item><see cref="EventType.LevelChanged"/>: side, price, total quantity, <see cref="OrderCount"/>.</item>
/// </list>
/// <see cref="AccountId"/> is set on every event about an order (all but level changes): the account the book knows for
/// that order — a new or market order's own, a resting order's for a cancel, replace or session end, 0 for a request
/// about an order the book does not hold. Accounts and leaves quantities are in the event, not looked up by consumers,
/// because a replay of the journal must regenerate them exactly (the publisher republishes from the journal), and only
/// the book knows a resting order's account and what is left of it at the moment of each fill.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct MatchEvent : IEquatable<MatchEvent>
{
    /// <summary>The book's event sequence number: gap-free, starting at 1.</summary>
    public long Sequence;

    /// <summary>The sequence number of the command that produced this event (its position in the command stream).</summary>
    public long CommandSequence;

    public long OrderId;
    public long MakerOrderId;
    public long Price;
    public long Quantity;

    /// <summary>The account of <see cref="OrderId"/>'s order (the taker's, for a trade); 0 for a level change.</summary>
    public long AccountId;

    /// <summary>For a trade: the account of the maker (resting) order. Otherwise 0.</summary>
    public long MakerAccountId;

    /// <summary>For a trade: the taker's open quantity after this fill (0: nothing left to trade). Otherwise 0.</summary>
    public long LeavesQuantity;

    /// <summary>For a trade: the maker's open quantity after this fill (0: it left the book). Otherwise 0.</summary>
    public long MakerLeavesQuantity;

    public int OrderCount;
    public EventType Type;
    public Side Side;
    public byte Reason;

    public readonly RejectReason RejectReason => (RejectReason)Reason;

    public readonly CancelReason CancelReason => (CancelReason)Reason;

    public readonly bool Equals(MatchEvent other) =>
        Sequence == other.Sequence && CommandSequence == other.CommandSequence && OrderId == other.OrderId &&
        MakerOrderId == other.MakerOrderId && Price == other.Price && Quantity == other.Quantity &&
        AccountId == other.AccountId && MakerAccountId == other.MakerAccountId && LeavesQuantity == other.LeavesQuantity &&
        MakerLeavesQuantity == other.MakerLeavesQuantity && OrderCount == other.OrderCount && Type == other.Type && Side == other.Side && Reason == other.Reason;

    public override readonly bool Equals(object? obj) => obj is MatchEvent other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(Sequence, OrderId, MakerOrderId, Price, Quantity, AccountId, Type, Reason);

    public static bool operator ==(MatchEvent left, MatchEvent right) => left.Equals(right);

    public static bool operator !=(MatchEvent left, MatchEvent right) => !left.Equals(right);

    public override readonly string ToString() => Type switch
    {
        EventType.Accepted => $"#{Sequence} accepted {OrderId}/{AccountId} {Side} {Quantity}@{Price}",
        EventType.Rejected => $"#{Sequence} rejected {OrderId} {RejectReason}",
        EventType.Trade => $"#{Sequence} trade {OrderId}/{AccountId} leaves {LeavesQuantity} x {MakerOrderId}/{MakerAccountId} leaves {MakerLeavesQuantity} {Quantity}@{Price}",
        EventType.Cancelled => $"#{Sequence} cancelled {OrderId} {CancelReason} {Quantity}",
        EventType.Replaced => $"#{Sequence} replaced {OrderId} {Quantity}@{Price}",
        EventType.LevelChanged => $"#{Sequence} level {Side} {Price} {Quantity}/{OrderCount}",
        _ => $"#{Sequence} {Type}",
    };
}
