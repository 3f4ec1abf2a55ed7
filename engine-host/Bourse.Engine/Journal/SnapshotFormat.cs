using System.Buffers.Binary;
using System.Globalization;
using Bourse.Engine.Matching;

namespace Bourse.Engine.Journal;

/// <summary>
/// The on-disk layout of a snapshot file, little-endian:
/// <code>
/// header, 48 bytes
///      0    8 magic "BRSSNAP1"
///      8    4 format version (1)
///     12    4 instrument id
///     16    8 last command sequence
///     24    8 last event sequence
///     32    8 state hash
///     40    4 order count N
///     44    4 reserved, zero
/// N orders, 40 bytes each, in canonical order
///      0    8 order id
///      8    8 price
///     16    8 quantity
///     24    8 account id
///     32    1 side
///     33    1 is DAY (0 or 1)
///     34    6 reserved, zero
/// trailer
///      0    4 CRC-32C of everything before it
/// </code>
/// </summary>
internal static class SnapshotFormat
{
    public const ulong Magic = 0x3150414E_53535242; // "BRSSNAP1" read as a little-endian ulong
    public const int Version = 1;
    public const int HeaderSize = 48;
    public const int OrderSize = 40;
    public const int TrailerSize = 4;

    private const string Prefix = "snapshot-";
    private const string Extension = ".bin";

    public static string FileName(long lastCommandSequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{lastCommandSequence:D12}{Extension}");

    public static bool TryParseFileName(string fileName, out long lastCommandSequence)
    {
        lastCommandSequence = 0;
        return fileName.StartsWith(Prefix, StringComparison.Ordinal) &&
               fileName.EndsWith(Extension, StringComparison.Ordinal) &&
               long.TryParse(
                   fileName.AsSpan(Prefix.Length, fileName.Length - Prefix.Length - Extension.Length),
                   NumberStyles.None,
                   CultureInfo.InvariantCulture,
                   out lastCommandSequence) &&
               lastCommandSequence > 0;
    }

    public static void WriteHeader(Span<byte> header, BookSnapshot snapshot)
    {
        header = header[..HeaderSize];
        BinaryPrimitives.WriteUInt64LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], snapshot.InstrumentId);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], snapshot.LastCommandSequence);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], snapshot.LastEventSequence);
        BinaryPrimitives.WriteUInt64LittleEndian(header[32..], snapshot.StateHash);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], snapshot.Orders.Count);
        BinaryPrimitives.WriteInt32LittleEndian(header[44..], 0);
    }

    public static void WriteOrder(Span<byte> destination, in RestingOrder order)
    {
        destination = destination[..OrderSize];
        BinaryPrimitives.WriteInt64LittleEndian(destination, order.OrderId);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], order.Price);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], order.Quantity);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], order.AccountId);
        destination[32] = (byte)order.Side;
        destination[33] = order.IsDay ? (byte)1 : (byte)0;
        destination[34..].Clear();
    }

    /// <summary>Decodes a whole snapshot file; null and a reason if it is not a valid one.</summary>
    public static BookSnapshot? TryRead(ReadOnlySpan<byte> file, out string? failure)
    {
        if (file.Length < HeaderSize + TrailerSize)
        {
            failure = $"too short ({file.Length} bytes)";
            return null;
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(file) != Magic)
        {
            failure = "not a snapshot (bad magic)";
            return null;
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(file[8..]);
        if (version != Version)
        {
            failure = $"unknown format version {version}";
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(file[40..]);
        if (count < 0 || (long)HeaderSize + ((long)count * OrderSize) + TrailerSize != file.Length)
        {
            failure = $"length {file.Length} does not match {count} orders (truncated or padded)";
            return null;
        }

        var body = file[..^TrailerSize];
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(file[^TrailerSize..]);
        if (Crc32C.Compute(body) != stored)
        {
            failure = "checksum mismatch";
            return null;
        }

        var orders = new RestingOrder[count];
        for (var i = 0; i < count; i++)
        {
            var o = body.Slice(HeaderSize + (i * OrderSize), OrderSize);
            orders[i] = new RestingOrder(
                BinaryPrimitives.ReadInt64LittleEndian(o),
                (Side)o[32],
                BinaryPrimitives.ReadInt64LittleEndian(o[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(o[16..]),
                BinaryPrimitives.ReadInt64LittleEndian(o[24..]),
                o[33] != 0);
        }

        var lastCommandSequence = BinaryPrimitives.ReadInt64LittleEndian(file[16..]);
        var lastEventSequence = BinaryPrimitives.ReadInt64LittleEndian(file[24..]);
        if (lastCommandSequence <= 0 || lastEventSequence < 0)
        {
            failure = "invalid sequences";
            return null;
        }

        var snapshot = new BookSnapshot(
            BinaryPrimitives.ReadInt32LittleEndian(file[12..]),
            lastCommandSequence,
            lastEventSequence,
            orders,
            BinaryPrimitives.ReadUInt64LittleEndian(file[32..]));
        if (!snapshot.IsConsistent())
        {
            failure = "the orders do not hash to the stored state hash";
            return null;
        }

        failure = null;
        return snapshot;
    }
}
