namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// The client order keys (<see cref="ClientOrderKey"/>) a stream has computed lately, by account and client order id,
/// so that a cancel or replace of an order the same stream entered does not hash its id again.
/// </summary>
/// <remarks>
/// Why: a stream's cancels and replaces name their target by client order id, and its key is a SHA-256 (about a
/// microsecond) while a lookup here is a string hash and compare. The key is a pure function of the account and the
/// id, so a hit gives exactly the key that hashing would. Direct-mapped with a fixed number of slots: it never grows,
/// a collision replaces the slot, and a miss only costs the hash it saves. One per stream, used only by the thread
/// that reads the stream's requests (not thread-safe).
/// </remarks>
internal sealed class ClientOrderKeyCache
{
    private const int Slots = 4096;

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>The key of (<paramref name="accountId"/>, <paramref name="clientOrderId"/>), from the cache or computed.</summary>
    public long Get(long accountId, string clientOrderId)
    {
        ref var entry = ref _entries[(uint)HashCode.Combine(accountId, clientOrderId.GetHashCode(StringComparison.Ordinal)) % Slots];
        if (entry.AccountId == accountId && string.Equals(entry.ClientOrderId, clientOrderId, StringComparison.Ordinal))
        {
            return entry.Key;
        }

        var key = ClientOrderKey.Compute(accountId, clientOrderId);
        entry = new Entry(accountId, clientOrderId, key);
        return key;
    }

    private readonly record struct Entry(long AccountId, string? ClientOrderId, long Key);
}
