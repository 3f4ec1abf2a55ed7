namespace Bourse.EventHubsLocal.Storage;

/// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) of the partition log's records.</summary>
/// <remarks>
/// A plain table-driven implementation: the log checks one record per append and per record read at start-up, so
/// throughput does not matter here, and the BCL has no CRC-32C outside a package.
/// </remarks>
internal static class Crc32C
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Continues <paramref name="crc"/> (start with 0) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        crc = ~crc;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < table.Length; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }

            table[i] = crc;
        }

        return table;
    }
}
