namespace Bourse.Domain.Risk.Ports;

/// <summary>An instrument's reference price (the previous close, or the exchange's reference for the session).</summary>
/// <param name="Price">The price per unit and its currency.</param>
/// <param name="AsOf">When it was set.</param>
public sealed record ReferencePrice(Money Price, DateTimeOffset AsOf);
