using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.OrderToClearing;

/// <summary>How an order is priced.</summary>
public enum OrderKind
{
    /// <summary>At its limit price or better.</summary>
    Limit,

    /// <summary>At whatever the book offers now; what does not trade at once is cancelled by the engine (immediate or
    /// cancel). The saga sizes its hold and the risk rules' notional at today's upper price limit, the most a fill can
    /// cost.</summary>
    Market,
}

/// <summary>The price the saga works with before the engine has traded.</summary>
public static class OrderPricing
{
    /// <summary>
    /// The price that sizes the hold and the risk notional: the limit price, or for a market order the instrument's upper
    /// price limit for today (the most the engine's band lets a fill cost; the unused part of the hold is released at
    /// settlement). <see langword="null"/>: a market order on an instrument without limits cannot be priced.
    /// </summary>
    public static decimal? WorkingPrice(OrderToClearingInput order, InstrumentInfo instrument)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(instrument);
        return order.Kind == OrderKind.Market ? instrument.UpperPriceLimit : order.LimitPrice;
    }
}
