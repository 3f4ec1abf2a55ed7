using Bourse.Engine.Matching;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Contracts;

/// <summary>
/// Translates the engine's enumerations to and from the wire contracts' (<c>bourse.engine.v1</c>).
/// </summary>
/// <remarks>
/// Value by value, never a cast: every contract enum starts with an <c>_UNSPECIFIED</c> zero that the engine's do not
/// have, so equal numbers would mean different things (engine <see cref="Side.Buy"/> is 0). Engine to wire throws on a
/// value the engine does not define (a bug in the host); wire to engine returns false on an unspecified or unknown
/// value (the client's error, refused as <see cref="V1.RejectReason.InvalidRequest"/>).
/// The mapping lives here, not in Bourse.Contracts, so that the contracts do not depend on the engine.
/// </remarks>
internal static class ContractMapping
{
    public static V1.Side ToContract(Side side) => side switch
    {
        Side.Buy => V1.Side.Buy,
        Side.Sell => V1.Side.Sell,
        _ => throw Undefined(side),
    };

    public static bool TryToEngine(V1.Side side, out Side result)
    {
        (var known, result) = side switch
        {
            V1.Side.Buy => (true, Side.Buy),
            V1.Side.Sell => (true, Side.Sell),
            _ => (false, default),
        };
        return known;
    }

    public static V1.TimeInForce ToContract(TimeInForce timeInForce) => timeInForce switch
    {
        TimeInForce.Gtc => V1.TimeInForce.Gtc,
        TimeInForce.Day => V1.TimeInForce.Day,
        TimeInForce.Ioc => V1.TimeInForce.Ioc,
        TimeInForce.Fok => V1.TimeInForce.Fok,
        TimeInForce.Post => V1.TimeInForce.PostOnly,
        _ => throw Undefined(timeInForce),
    };

    public static bool TryToEngine(V1.TimeInForce timeInForce, out TimeInForce result)
    {
        (var known, result) = timeInForce switch
        {
            V1.TimeInForce.Gtc => (true, TimeInForce.Gtc),
            V1.TimeInForce.Day => (true, TimeInForce.Day),
            V1.TimeInForce.Ioc => (true, TimeInForce.Ioc),
            V1.TimeInForce.Fok => (true, TimeInForce.Fok),
            V1.TimeInForce.PostOnly => (true, TimeInForce.Post),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The order type of a new-order command: <see cref="CommandType.NewOrder"/> is a limit order.</summary>
    public static V1.OrderType ToOrderType(CommandType commandType) => commandType switch
    {
        CommandType.NewOrder => V1.OrderType.Limit,
        CommandType.Market => V1.OrderType.Market,
        _ => throw new ArgumentOutOfRangeException(nameof(commandType), commandType, "only new-order commands have an order type"),
    };

    /// <summary>The engine command that enters a new order of this type.</summary>
    public static bool TryToCommandType(V1.OrderType orderType, out CommandType result)
    {
        (var known, result) = orderType switch
        {
            V1.OrderType.Limit => (true, CommandType.NewOrder),
            V1.OrderType.Market => (true, CommandType.Market),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The client request a command carried; <see cref="CommandType.EndOfSession"/> carries none.</summary>
    public static V1.RequestKind ToRequestKind(CommandType commandType) => commandType switch
    {
        CommandType.NewOrder or CommandType.Market => V1.RequestKind.NewOrder,
        CommandType.Cancel => V1.RequestKind.Cancel,
        CommandType.Replace => V1.RequestKind.Replace,
        CommandType.EndOfSession => V1.RequestKind.Unspecified,
        _ => throw Undefined(commandType),
    };

    /// <summary>The contract's reason for an engine rejection; <see cref="RejectReason.None"/> is unspecified.</summary>
    public static V1.RejectReason ToContract(RejectReason reason) => reason switch
    {
        RejectReason.None => V1.RejectReason.Unspecified,
        RejectReason.InvalidQuantity => V1.RejectReason.InvalidQuantity,
        RejectReason.InvalidPrice => V1.RejectReason.InvalidPrice,
        RejectReason.LotSize => V1.RejectReason.LotSize,
        RejectReason.TickSize => V1.RejectReason.TickSize,
        RejectReason.PriceBand => V1.RejectReason.PriceBand,
        RejectReason.DuplicateOrderId => V1.RejectReason.DuplicateOrderId,
        RejectReason.UnknownOrder => V1.RejectReason.UnknownOrder,
        RejectReason.PostOnlyWouldCross => V1.RejectReason.PostOnlyWouldCross,
        RejectReason.InvalidCommand => V1.RejectReason.InvalidCommand,
        _ => throw Undefined(reason),
    };

    /// <summary>The contract's reason for an engine cancel; <see cref="CancelReason.None"/> is unspecified.</summary>
    public static V1.CancelReason ToContract(CancelReason reason) => reason switch
    {
        CancelReason.None => V1.CancelReason.Unspecified,
        CancelReason.Requested => V1.CancelReason.Requested,
        CancelReason.ImmediateOrCancelRemainder => V1.CancelReason.ImmediateOrCancelRemainder,
        CancelReason.MarketRemainder => V1.CancelReason.MarketRemainder,
        CancelReason.FillOrKillUnfillable => V1.CancelReason.FillOrKillUnfillable,
        CancelReason.SelfTradePrevention => V1.CancelReason.SelfTradePrevention,
        CancelReason.EndOfSession => V1.CancelReason.EndOfSession,
        _ => throw Undefined(reason),
    };

    private static ArgumentOutOfRangeException Undefined<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        new(typeof(TEnum).Name, value, $"{typeof(TEnum).Name} {value} is not a value the engine defines");
}
