namespace Bourse.Domain.Risk.Ports;

/// <summary>An account's notional for one business day and currency.</summary>
/// <param name="Executed">What its orders have traded today.</param>
/// <param name="Pending">What its open orders could still trade today.</param>
public sealed record AccountExposure(Money Executed, Money Pending);
