using System.Buffers.Binary;
using Bourse.Engine.Matching;

namespace Bourse.EngineHost.Publishing;

/// <summary>
/// INTERIM body encoding, until the <c>bourse.engine.v1</c> protobuf contracts (<c>ExecutionReport</c>,
/// <c>BookUpdate</c>) are on main: one message per event, a fixed little-endian layout of the
/// <see cref="MatchEvent"/>'s fields. Consumers must not rely on it beyond development; the content type says so.
/// </summary>
/// <remarks>
/// Layout (<see cref="Size"/> bytes): 0 version (0), 1 <see cref="EventType"/>, 2 <see cref="Side"/>, 3 reason,
/// 4 instrument id (int32), 8 message sequence (the <c>bourse-sequence</c>), 16 event sequence, 24 command sequence,
/// 32 order id, 40 maker order id, 48 price, 56 quantity (int64 each), 64 order count (int32), 68 reserved (4 zero bytes).
/// </remarks>
internal sealed class InterimEventBodyEncoder : IEventBodyEncoder
{
    /// <summary>The content type of every body: says that the layout is interim.</summary>
    public const string ContentType = "application/vnd.bourse.match-event.interim-v0";

    /// <summary>Bytes per body.</summary>
    public const int Size = 72;

    public void Encode(in PublishCommand command, ReadOnlySpan<PublishSlot> events, IPublishMessageSink messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (ref readonly var slot in events)
        {
            var stream = PublishRouting.StreamOf(slot.Event.Type);
            var body = new byte[Size];
            Write(body, command.InstrumentId, messages.NextSequence(stream), slot.Event);
            messages.Add(stream, body, ContentType);
        }
    }

    /// <summary>Writes one body.</summary>
    public static void Write(Span<byte> destination, int instrumentId, long messageSequence, in MatchEvent e)
    {
        destination = destination[..Size];
        destination.Clear();
        destination[1] = (byte)e.Type;
        destination[2] = (byte)e.Side;
        destination[3] = e.Reason;
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], instrumentId);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], messageSequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], e.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], e.CommandSequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[32..], e.OrderId);
        BinaryPrimitives.WriteInt64LittleEndian(destination[40..], e.MakerOrderId);
        BinaryPrimitives.WriteInt64LittleEndian(destination[48..], e.Price);
        BinaryPrimitives.WriteInt64LittleEndian(destination[56..], e.Quantity);
        BinaryPrimitives.WriteInt32LittleEndian(destination[64..], e.OrderCount);
    }

    /// <summary>Reads a body back (for consumers in development, and tests).</summary>
    /// <returns>False when the body is not this layout's size or version.</returns>
    public static bool TryRead(ReadOnlySpan<byte> body, out int instrumentId, out long messageSequence, out MatchEvent e)
    {
        e = default;
        instrumentId = 0;
        messageSequence = 0;
        if (body.Length != Size || body[0] != 0)
        {
            return false;
        }

        e.Type = (EventType)body[1];
        e.Side = (Side)body[2];
        e.Reason = body[3];
        instrumentId = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
        messageSequence = BinaryPrimitives.ReadInt64LittleEndian(body[8..]);
        e.Sequence = BinaryPrimitives.ReadInt64LittleEndian(body[16..]);
        e.CommandSequence = BinaryPrimitives.ReadInt64LittleEndian(body[24..]);
        e.OrderId = BinaryPrimitives.ReadInt64LittleEndian(body[32..]);
        e.MakerOrderId = BinaryPrimitives.ReadInt64LittleEndian(body[40..]);
        e.Price = BinaryPrimitives.ReadInt64LittleEndian(body[48..]);
        e.Quantity = BinaryPrimitives.ReadInt64LittleEndian(body[56..]);
        e.OrderCount = BinaryPrimitives.ReadInt32LittleEndian(body[64..]);
        return true;
    }
}
