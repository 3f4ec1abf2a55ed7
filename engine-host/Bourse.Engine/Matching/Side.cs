namespace Bourse.Engine.Matching;

/// <summary>The side of an order. Byte-sized so commands and events pack into small ring slots.</summary>
public enum Side : byte
{
    Buy = 0,
    Sell = 1,
}
