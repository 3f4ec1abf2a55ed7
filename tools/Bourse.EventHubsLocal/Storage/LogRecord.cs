using System.Buffers.Binary;

namespace Bourse.EventHubsLocal.Storage;

/// <summary>
/// Layout of one record of a partition log (<c>events.log</c>) and of one entry of its index (<c>events.idx</c>),
/// all little-endian.
/// </summary>
/// <remarks>
/// <code>
/// record: [u32 message length][u32 CRC-32C of the next 16 bytes and the message][i64 sequence number]
///         [i64 enqueued time, Unix milliseconds][message: the encoded AMQP message]
/// index entry (one per event, entry n = sequence number n): [i64 offset of the record][i64 enqueued time, Unix ms]
/// </code>
/// The offset of an event is the position of its record in the log, so offsets grow with sequence numbers and an
/// offset filter is a binary search over the index.
/// </remarks>
internal static class LogRecord
{
    public const int HeaderSize = 24;
    public const int IndexEntrySize = 16;

    /// <summary>Larger lengths in a header can only be damage; the broker never accepts such a message.</summary>
    public const int MaxMessageSize = 64 * 1024 * 1024;

    public static void WriteHeader(Span<byte> destination, long sequenceNumber, long enqueuedUnixMs, ReadOnlySpan<byte> message)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, message.Length);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], sequenceNumber);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], enqueuedUnixMs);
        var crc = Crc32C.Append(Crc32C.Compute(destination.Slice(8, 16)), message);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], crc);
    }

    public static int ReadLength(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt32LittleEndian(header);

    public static long ReadSequenceNumber(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt64LittleEndian(header[8..]);

    public static long ReadEnqueuedUnixMs(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt64LittleEndian(header[16..]);

    public static bool HasValidChecksum(ReadOnlySpan<byte> header, ReadOnlySpan<byte> message)
    {
        var crc = Crc32C.Append(Crc32C.Compute(header.Slice(8, 16)), message);
        return crc == BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
    }

    public static void WriteIndexEntry(Span<byte> destination, long offset, long enqueuedUnixMs)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, offset);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], enqueuedUnixMs);
    }

    public static (long Offset, long EnqueuedUnixMs) ReadIndexEntry(ReadOnlySpan<byte> source) =>
        (BinaryPrimitives.ReadInt64LittleEndian(source), BinaryPrimitives.ReadInt64LittleEndian(source[8..]));
}
