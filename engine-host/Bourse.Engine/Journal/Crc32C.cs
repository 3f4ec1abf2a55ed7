using System.Buffers.Binary;
using System.Numerics;

namespace Bourse.Engine.Journal;

/// <summary>CRC-32C (Castagnoli), the checksum of journal records and snapshots.</summary>
/// <remarks>
/// <see cref="BitOperations.Crc32C(uint, ulong)"/> is the raw update step (the SSE4.2 / ARMv8 instruction where the
/// CPU has it, a table otherwise); this adds the standard pre- and post-inversion, so results match the CRC-32C
/// check value (0xE3069283 for "123456789") and other tools.
/// </remarks>
internal static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(~0u, data);

    /// <summary>
    /// Continues a running CRC. Start with <c>~0u</c>, feed the data in any number of pieces, invert the result.
    /// </summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        if (data.Length >= sizeof(uint))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[sizeof(uint)..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }
}
