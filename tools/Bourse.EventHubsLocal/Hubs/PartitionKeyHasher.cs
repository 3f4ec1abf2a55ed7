using System.Text;

namespace Bourse.EventHubsLocal.Hubs;

/// <summary>Maps a partition key to a partition: 32-bit FNV-1a over the key's UTF-8 bytes, modulo the partition count.</summary>
/// <remarks>
/// Deterministic across processes, machines and restarts (unlike <see cref="string.GetHashCode()"/>), which is all the
/// service promises: the same key always lands on the same partition. It is not the service's own hash, so a key
/// does not land on the partition it would in Azure.
/// </remarks>
internal static class PartitionKeyHasher
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static int PartitionFor(string partitionKey, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        return (int)(Hash(partitionKey) % (uint)partitionCount);
    }

    public static uint Hash(string partitionKey)
    {
        var hash = OffsetBasis;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(partitionKey) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(partitionKey, buffer)]
            : Encoding.UTF8.GetBytes(partitionKey);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
