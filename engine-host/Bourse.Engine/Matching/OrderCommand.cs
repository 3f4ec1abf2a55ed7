using System.Runtime.InteropServices;

namespace Bourse.Engine.Matching;

/// <summary>
/// One command to a book. A mutable struct on purpose: it is the slot type of the command ring and the record of the
/// journal, written in place by producers so that nothing is allocated per command.
/// </summary>
/// <remarks>
/// Field use by <see cref="Type"/>: <see cref="CommandType.NewOrder"/> uses all fields; <see cref="CommandType.Market"/>
/// ignores <see cref="Price"/> and <see cref="TimeInForce"/>; <see cref="CommandType.Cancel"/> uses only
/// <see cref="OrderId"/>; <see cref="CommandType.Replace"/> uses <see cref="OrderId"/>, <see cref="Price"/> (the new
/// price) and <see cref="Quantity"/> (the new remaining quantity); <see cref="CommandType.EndOfSession"/> uses none.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public struct OrderCommand : IEquatable<OrderCommand>
{
    public long OrderId;
    public long Price;
    public long Quantity;
    public long AccountId;

    /// <summary>
    /// The order-entry gateway's key of the client's order id (a hash of account and client order id; 0 for none). The
    /// book ignores it; the journal keeps it, so that after a restart a retried client order is recognised.
    /// </summary>
    public long ClientOrderKey;

    public CommandType Type;
    public Side Side;
    public TimeInForce TimeInForce;

    public static OrderCommand NewOrder(long orderId, Side side, long price, long quantity, TimeInForce timeInForce, long accountId) =>
        new() { Type = CommandType.NewOrder, OrderId = orderId, Side = side, Price = price, Quantity = quantity, TimeInForce = timeInForce, AccountId = accountId };

    public static OrderCommand MarketOrder(long orderId, Side side, long quantity, long accountId) =>
        new() { Type = CommandType.Market, OrderId = orderId, Side = side, Quantity = quantity, AccountId = accountId };

    public static OrderCommand Cancel(long orderId) => new() { Type = CommandType.Cancel, OrderId = orderId };

    public static OrderCommand Replace(long orderId, long newPrice, long newQuantity) =>
        new() { Type = CommandType.Replace, OrderId = orderId, Price = newPrice, Quantity = newQuantity };

    public static OrderCommand EndOfSession() => new() { Type = CommandType.EndOfSession };

    public readonly bool Equals(OrderCommand other) =>
        OrderId == other.OrderId && Price == other.Price && Quantity == other.Quantity && AccountId == other.AccountId &&
        ClientOrderKey == other.ClientOrderKey && Type == other.Type && Side == other.Side && TimeInForce == other.TimeInForce;

    public override readonly bool Equals(object? obj) => obj is OrderCommand other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(OrderId, Price, Quantity, AccountId, ClientOrderKey, Type, Side, TimeInForce);

    public static bool operator ==(OrderCommand left, OrderCommand right) => left.Equals(right);

    public static bool operator !=(OrderCommand left, OrderCommand right) => !left.Equals(right);

    public override readonly string ToString() => Type switch
    {
        CommandType.NewOrder => $"N,{OrderId},{(Side == Side.Buy ? 'B' : 'S')},{Price},{Quantity},{TimeInForce},{AccountId}",
        CommandType.Market => $"M,{OrderId},{(Side == Side.Buy ? 'B' : 'S')},{Quantity},{AccountId}",
        CommandType.Cancel => $"C,{OrderId}",
        CommandType.Replace => $"R,{OrderId},{Price},{Quantity}",
        _ => "EndOfSession",
    };
}
