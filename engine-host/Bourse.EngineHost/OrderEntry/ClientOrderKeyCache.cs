using System.Text;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// The client order keys (<see cref="ClientOrderKey"/>) a stream has computed lately, by account and client order id,
/// so that a cancel or replace of an order the same stream entered does not hash its id again.
/// </summary>
/// <remarks>
/// Why: a stream's cancels and replaces name their target by client order id, and its key is a SHA-256 (about a
/// microsecond) while a lookup here is a short hash and compare. The key is a pure function of the account and the
/// id, so a hit gives exactly the key that hashing would. Direct-mapped with a fixed number of slots: it never grows,
/// a collision replaces the slot, and a miss only costs the hash it saves. One per stream, used only by the thread
/// that reads the stream's requests (not thread-safe).
/// <para>
/// An id can be looked up as its string or, when it is ASCII, as its bytes straight from the request (no string
/// built: <see cref="TradeRequestParser"/>); both hash the same code units to the same slot. Only the string form
/// fills a slot (a new order builds the string anyway, for the registry).
/// </para>
/// </remarks>
internal sealed class ClientOrderKeyCache
{
    private const int SlotBits = 12;
    private const ulong Prime = 0x100000001B3;

    private readonly Entry[] _entries = new Entry[1 << SlotBits];

    /// <summary>The key of (<paramref name="accountId"/>, <paramref name="clientOrderId"/>), from the cache or computed.</summary>
    public long Get(long accountId, string clientOrderId)
    {
        ref var entry = ref _entries[Slot(accountId, clientOrderId)];
        if (entry.AccountId == accountId && string.Equals(entry.ClientOrderId, clientOrderId, StringComparison.Ordinal))
        {
            return entry.Key;
        }

        var key = ClientOrderKey.Compute(accountId, clientOrderId);
        entry = new Entry(accountId, clientOrderId, key);
        return key;
    }

    /// <summary>The key of an ASCII client order id given as its bytes: from the cache, or computed (and not cached).</summary>
    public long Get(long accountId, ReadOnlySpan<byte> asciiClientOrderId)
    {
        ref readonly var entry = ref _entries[Slot(accountId, asciiClientOrderId)];
        return entry.AccountId == accountId && entry.ClientOrderId is { } cached && Ascii.Equals(asciiClientOrderId, cached)
            ? entry.Key
            : ClientOrderKey.Compute(accountId, asciiClientOrderId);
    }

    // FNV-1a over the code units, seeded with the account; an ASCII id's bytes are its UTF-16 code units.
    private static int Slot(long accountId, ReadOnlySpan<char> id)
    {
        var hash = Seed(accountId);
        foreach (var unit in id)
        {
            hash = (hash ^ unit) * Prime;
        }

        return Finish(hash);
    }

    private static int Slot(long accountId, ReadOnlySpan<byte> id)
    {
        var hash = Seed(accountId);
        foreach (var unit in id)
        {
            hash = (hash ^ unit) * Prime;
        }

        return Finish(hash);
    }

    private static ulong Seed(long accountId) => 0xCBF29CE484222325 ^ ((ulong)accountId * 0x9E3779B97F4A7C15);

    private static int Finish(ulong hash) => (int)((hash * 0x9E3779B97F4A7C15) >> (64 - SlotBits));

    private readonly record struct Entry(long AccountId, string? ClientOrderId, long Key);
}
