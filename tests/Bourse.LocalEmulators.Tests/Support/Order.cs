namespace Bourse.LocalEmulators.Tests.Support;

/// <summary>An item shaped like the back office's: money in decimal, times with their offset, partitioned by account.</summary>
public sealed record Order(
    string Id,
    string AccountId,
    string Instrument,
    decimal Price,
    long Quantity,
    DateTimeOffset PlacedAt,
    int Fills = 0,
    string Status = "new");
