using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Bourse.BackOfficeApi.Units;

/// <summary>
/// Weighted rendezvous (highest random weight) hashing: each unit scores a key, the highest score is the key's home.
/// Removing a unit moves only the keys it was home to (each to its runner-up) and adding one takes from every unit only
/// the keys it now outscores, ≈ weight over total weight of them; no ring, no virtual nodes, no table to keep in step.
/// </summary>
/// <remarks>
/// The hash is XxHash64 (seed 0) of (region, user, unit), each as its UTF-8 byte count (32-bit little-endian) then its
/// bytes: the length prefixes keep ("A","BC") apart from ("AB","C"). Never <see cref="string.GetHashCode()"/>, which is
/// randomized per process: every unit, in every process and release, must compute the same home.
/// </remarks>
public static class RendezvousHash
{
    // 2^52: the hash's top 52 bits plus a half stay exact in a double and land strictly inside (0, 1).
    private const double TwoPow52 = 4503599627370496.0;

    /// <summary>The 64-bit hash of (<paramref name="regionCode"/>, <paramref name="userId"/>, <paramref name="unitName"/>).</summary>
    public static ulong Hash(string regionCode, string userId, string unitName)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(unitName);
        int length = 12 + Encoding.UTF8.GetByteCount(regionCode) + Encoding.UTF8.GetByteCount(userId) + Encoding.UTF8.GetByteCount(unitName);
        byte[]? rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        try
        {
            int at = Write(buffer, 0, regionCode);
            at = Write(buffer, at, userId);
            at = Write(buffer, at, unitName);
            return XxHash64.HashToUInt64(buffer[..at]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The score of a unit of weight <paramref name="weight"/> whose hash of the key is <paramref name="hash"/>:
    /// <c>-weight / ln(u)</c> with <c>u</c> the hash as a uniform number in (0, 1). The highest score wins, and a unit wins
    /// with probability exactly its weight over the total (the logarithmic method of weighted rendezvous hashing); with
    /// equal weights it is the plain highest hash.
    /// </summary>
    public static double Score(ulong hash, double weight)
    {
        double u = ((hash >> 12) + 0.5) / TwoPow52;
        return -weight / Math.Log(u);
    }

    private static int Write(Span<byte> buffer, int at, string value)
    {
        int count = Encoding.UTF8.GetBytes(value, buffer[(at + 4)..]);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[at..], count);
        return at + 4 + count;
    }
}
