namespace Bourse.Adapters.Cosmos;

/// <summary>The half-open time window [<paramref name="Start"/>, <paramref name="End"/>) of entries' recording times.</summary>
public readonly record struct LedgerWindow(DateTimeOffset Start, DateTimeOffset End)
{
    internal long StartMs => Start.ToUnixTimeMilliseconds();

    internal long EndMs => End.ToUnixTimeMilliseconds();
}
