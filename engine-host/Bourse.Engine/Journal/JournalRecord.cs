using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Bourse.Engine.Matching;

namespace Bourse.Engine.Journal;

/// <summary>
/// The on-disk layout of one journal record: 64 bytes, little-endian, self-checking.
/// </summary>
/// <remarks>
/// <code>
/// offset size field
///      0    4 magic 0x4A435242 (the bytes "BRCJ")
///      4    2 record length (64)
///      6    1 format version (1)
///      7    1 command type (CommandType)
///      8    8 command sequence
///     16    8 order id
///     24    8 price
///     32    8 quantity
///     40    8 account id
///     48    1 side (Side)
///     49    1 time in force (TimeInForce)
///     50    8 client order key (0: none)
///     58    2 reserved, zero
///     60    4 CRC-32C of bytes 0..59
/// </code>
/// Fixed size so that a record's offset is its index times 64, a torn tail is anything after the last whole valid
/// record, and a scan can resume at the next 64-byte boundary after a bad record. 64 bytes also keeps records from
/// straddling 4 KiB pages and cache lines.
/// </remarks>
internal static class JournalRecord
{
    public const int Size = 64;
    public const uint Magic = 0x4A435242;
    public const byte Version = 1;

    private const int ChecksumOffset = Size - sizeof(uint);

    /// <summary>Why a 64-byte slot is not a valid record.</summary>
    public enum Defect : byte
    {
        None = 0,
        Truncated,
        Format,
        Checksum,
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(Span<byte> destination, long commandSequence, in OrderCommand command)
    {
        destination = destination[..Size];
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], Size);
        destination[6] = Version;
        destination[7] = (byte)command.Type;
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], commandSequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], command.OrderId);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], command.Price);
        BinaryPrimitives.WriteInt64LittleEndian(destination[32..], command.Quantity);
        BinaryPrimitives.WriteInt64LittleEndian(destination[40..], command.AccountId);
        destination[48] = (byte)command.Side;
        destination[49] = (byte)command.TimeInForce;
        BinaryPrimitives.WriteInt64LittleEndian(destination[50..], command.ClientOrderKey);
        destination[58..ChecksumOffset].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(destination[ChecksumOffset..], Crc32C.Compute(destination[..ChecksumOffset]));
    }

    /// <summary>Decodes and verifies one record. Enumeration values are not checked: the book rejects unknown ones.</summary>
    public static Defect TryRead(ReadOnlySpan<byte> source, out long commandSequence, out OrderCommand command)
    {
        commandSequence = 0;
        command = default;
        if (source.Length < Size)
        {
            return Defect.Truncated;
        }

        source = source[..Size];
        if (BinaryPrimitives.ReadUInt32LittleEndian(source) != Magic ||
            BinaryPrimitives.ReadUInt16LittleEndian(source[4..]) != Size ||
            source[6] != Version)
        {
            return Defect.Format;
        }

        if (Crc32C.Compute(source[..ChecksumOffset]) != BinaryPrimitives.ReadUInt32LittleEndian(source[ChecksumOffset..]))
        {
            return Defect.Checksum;
        }

        commandSequence = BinaryPrimitives.ReadInt64LittleEndian(source[8..]);
        command.Type = (CommandType)source[7];
        command.OrderId = BinaryPrimitives.ReadInt64LittleEndian(source[16..]);
        command.Price = BinaryPrimitives.ReadInt64LittleEndian(source[24..]);
        command.Quantity = BinaryPrimitives.ReadInt64LittleEndian(source[32..]);
        command.AccountId = BinaryPrimitives.ReadInt64LittleEndian(source[40..]);
        command.ClientOrderKey = BinaryPrimitives.ReadInt64LittleEndian(source[50..]);
        command.Side = (Side)source[48];
        command.TimeInForce = (TimeInForce)source[49];
        return Defect.None;
    }
}
