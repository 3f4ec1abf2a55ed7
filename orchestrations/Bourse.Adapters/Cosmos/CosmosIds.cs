namespace Bourse.Adapters.Cosmos;

/// <summary>What a business id must be to serve as a Cosmos DB id or partition key value.</summary>
internal static class CosmosIds
{
    /// <summary>Cosmos DB refuses ids longer than this; a prefix (<c>account:</c>) takes some of it.</summary>
    public const int MaxLength = 200;

    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, too long, or has a character an id cannot hold (<c>/ \ ? #</c>).</exception>
    public static void Require(string id, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, paramName);
        if (id.Length > MaxLength || id.AsSpan().IndexOfAny(['/', '\\', '?', '#']) >= 0)
        {
            throw new ArgumentException($"'{id}' cannot be a Cosmos DB id: at most {MaxLength} characters, none of / \\ ? #", paramName);
        }
    }
}
