namespace Bourse.Engine.Matching;

/// <summary>What an <see cref="OrderCommand"/> asks the book to do.</summary>
public enum CommandType : byte
{
    /// <summary>A new limit order with a <see cref="TimeInForce"/>.</summary>
    NewOrder = 0,

    /// <summary>A market order: sweeps the opposite side, never rests.</summary>
    Market = 1,

    /// <summary>Cancel a live order.</summary>
    Cancel = 2,

    /// <summary>Replace a live order's price and/or remaining quantity.</summary>
    Replace = 3,

    /// <summary>End of the trading session: every resting DAY order is cancelled.</summary>
    EndOfSession = 4,
}
