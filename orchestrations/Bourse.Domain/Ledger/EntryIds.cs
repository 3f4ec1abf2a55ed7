namespace Bourse.Domain.Ledger;

/// <summary>
/// The deterministic ids of journal entries: the same business event always gets the same id, so a retried or
/// duplicated request finds the entry its first delivery wrote instead of writing a second one.
/// </summary>
public static class EntryIds
{
    /// <summary><c>fill:{instrumentId}:{tradeId}</c>.</summary>
    public static string Fill(string instrumentId, string tradeId) => $"fill:{Require(instrumentId)}:{Require(tradeId)}";

    /// <summary><c>hold:{orderId}</c>.</summary>
    public static string Hold(string orderId) => $"hold:{Require(orderId)}";

    /// <summary><c>release:{orderId}</c>.</summary>
    public static string Release(string orderId) => $"release:{Require(orderId)}";

    /// <summary><c>transfer:{reference}</c>.</summary>
    public static string Transfer(string reference) => $"transfer:{Require(reference)}";

    private static string Require(string part, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(part))] string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(part, name);
        // Cosmos DB ids may not contain '/', '\', '?' or '#'.
        if (part.AsSpan().IndexOfAny(['/', '\\', '?', '#']) >= 0)
        {
            throw new ArgumentException($"'{part}' contains '/', '\\', '?' or '#', which an entry id cannot hold", name);
        }

        return part;
    }
}
