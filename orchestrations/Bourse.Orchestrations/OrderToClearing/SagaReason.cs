namespace Bourse.Orchestrations.OrderToClearing;

/// <summary>Why something was refused, flagged or failed: a stable code and a sentence.</summary>
/// <param name="Code">A stable code (<c>INSTRUMENT_UNKNOWN</c>, a risk reason code, <c>INSUFFICIENT_FUNDS</c>, ...).</param>
/// <param name="Detail">For a person.</param>
public sealed record SagaReason(string Code, string Detail)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Code}: {Detail}";
}

/// <summary>The saga's own reason codes (the risk rules' are in <c>RiskReasonCodes</c>, the engine's are its reject reasons).</summary>
public static class SagaReasonCodes
{
    /// <summary>The quantity is not positive.</summary>
    public const string InvalidQuantity = "ORDER_INVALID_QUANTITY";

    /// <summary>The limit price is not positive.</summary>
    public const string InvalidPrice = "ORDER_INVALID_PRICE";

    /// <summary>A DAY or GTD order without an expiry.</summary>
    public const string ExpiryMissing = "ORDER_EXPIRY_MISSING";

    /// <summary>The time in force does not fit the order's kind (a market order is immediate or cancel).</summary>
    public const string InvalidTimeInForce = "ORDER_INVALID_TIME_IN_FORCE";

    /// <summary>The client order id is empty or longer than 48 characters.</summary>
    public const string InvalidClientOrderId = "ORDER_INVALID_CLIENT_ID";

    /// <summary>No such instrument.</summary>
    public const string InstrumentUnknown = "INSTRUMENT_UNKNOWN";

    /// <summary>The instrument is suspended, halted or delisted.</summary>
    public const string InstrumentNotTradable = "INSTRUMENT_NOT_TRADABLE";

    /// <summary>The price is not a multiple of the tick size.</summary>
    public const string TickSize = "PRICE_OFF_TICK";

    /// <summary>The quantity is not a multiple of the lot size.</summary>
    public const string LotSize = "QUANTITY_OFF_LOT";

    /// <summary>The price is outside today's limits.</summary>
    public const string PriceLimits = "PRICE_OUTSIDE_LIMITS";

    /// <summary>A market order on an instrument without today's price limits: nothing bounds what a fill may cost, so no
    /// hold can be sized.</summary>
    public const string MarketOrderUnpriced = "MARKET_ORDER_UNPRICED";

    /// <summary>No such account.</summary>
    public const string AccountUnknown = "ACCOUNT_UNKNOWN";

    /// <summary>The account is suspended or closed.</summary>
    public const string AccountNotActive = "ACCOUNT_NOT_ACTIVE";

    /// <summary>Not enough cash (buy) or securities (sell) for the hold.</summary>
    public const string InsufficientFunds = "INSUFFICIENT_FUNDS";

    /// <summary>The engine refused the order.</summary>
    public const string EngineRejected = "ENGINE_REJECTED";

    /// <summary>An activity failed after its retries.</summary>
    public const string ActivityFailed = "ACTIVITY_FAILED";

    /// <summary>The engine's final report did not come within the wait.</summary>
    public const string ReportTimeout = "ENGINE_REPORT_TIMEOUT";
}
