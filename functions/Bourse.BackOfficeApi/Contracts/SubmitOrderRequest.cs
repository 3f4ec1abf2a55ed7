using Bourse.Domain.Risk;
using Bourse.Orchestrations;

namespace Bourse.BackOfficeApi.Contracts;

/// <summary>The body of <c>POST /api/orders</c>. Every member is nullable so that a missing one is reported by name
/// (validation), not as a deserialization failure.</summary>
public sealed record SubmitOrderRequest
{
    /// <summary>The client's name for the order, unique per account: with the account it makes the order id, so a retry
    /// with the same value is the same order. 1-48 characters, no <c>/ \ ? #</c>.</summary>
    public string? ClientOrderId { get; init; }

    /// <summary>The account the order is booked on.</summary>
    public string? AccountId { get; init; }

    /// <summary>The person or system acting for the account.</summary>
    public string? UserId { get; init; }

    /// <summary>The user's region (multi-active units home users by region and user).</summary>
    public string? RegionCode { get; init; }

    /// <summary>The instrument (engine instrument id, e.g. 600519).</summary>
    public int? Instrument { get; init; }

    /// <summary><c>buy</c> or <c>sell</c>.</summary>
    public OrderSide? Side { get; init; }

    /// <summary><c>limit</c> (default) or <c>market</c>.</summary>
    public OrderType? Type { get; init; }

    /// <summary>The limit price in the instrument's currency: a multiple of its tick size. Absent for a market order.</summary>
    public decimal? Price { get; init; }

    /// <summary>The quantity in units: positive, a multiple of the instrument's lot size.</summary>
    public long? Quantity { get; init; }

    /// <summary><c>gtc</c> (default), <c>day</c>, <c>gtd</c>, <c>ioc</c>, <c>fok</c>, <c>postOnly</c>; a market order is
    /// <c>ioc</c> (the default for it, and the only one it takes).</summary>
    public TimeInForce? TimeInForce { get; init; }

    /// <summary>When a <c>day</c> or <c>gtd</c> order expires (required for them).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>The order types of the API.</summary>
public enum OrderType
{
    /// <summary>A limit order.</summary>
    Limit,

    /// <summary>A market order: it trades at once against the book; what does not trade is cancelled. Its hold is sized at
    /// the instrument's upper price limit for today, and released as far as unused when it ends.</summary>
    Market,
}
