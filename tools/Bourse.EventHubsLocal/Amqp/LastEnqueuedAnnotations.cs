using System.Buffers.Binary;
using System.Globalization;
using Bourse.EventHubsLocal.Storage;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>
/// Puts the partition's last-enqueued properties into an event's delivery annotations, for receivers that ask for
/// them (the client's <c>TrackLastEnqueuedEventProperties</c>, on by default when reading a partition).
/// </summary>
/// <remarks>
/// The stored message is spliced rather than decoded and re-encoded: the AMQP library cannot add a delivery
/// annotations section to a message decoded from bytes (the setter is protected). The section goes where AMQP wants
/// it: after the header, replacing delivery annotations the producer may have sent.
/// </remarks>
internal static class LastEnqueuedAnnotations
{
    private const byte HeaderCode = 0x70;
    private const byte DeliveryAnnotationsCode = 0x71;

    public static ArraySegment<byte>[] Splice(byte[] message, PartitionState state, DateTimeOffset now)
    {
        var annotations = new DeliveryAnnotations();
        annotations.Map[EventHubsAmqp.LastEnqueuedSequenceNumber] = state.LastSequenceNumber;
        annotations.Map[EventHubsAmqp.LastEnqueuedOffset] = state.LastOffset.ToString(CultureInfo.InvariantCulture);
        annotations.Map[EventHubsAmqp.LastEnqueuedTimeUtc] = state.LastEnqueuedTime.UtcDateTime;
        annotations.Map[EventHubsAmqp.RuntimeInfoRetrievalTimeUtc] = now.UtcDateTime;
        var encoded = new ByteBuffer(new byte[annotations.EncodeSize]);
        annotations.Encode(encoded);

        var headerEnd = SectionEnd(message, 0, HeaderCode);
        var rest = SectionEnd(message, headerEnd, DeliveryAnnotationsCode);
        return
        [
            new ArraySegment<byte>(message, 0, headerEnd),
            new ArraySegment<byte>(encoded.Buffer, 0, encoded.Length),
            new ArraySegment<byte>(message, rest, message.Length - rest),
        ];
    }

    /// <summary>
    /// Where the section with descriptor <paramref name="code"/> starting at <paramref name="start"/> ends, or
    /// <paramref name="start"/> when there is no such section there. Header and delivery annotations are a list and a
    /// map: list0, list8/map8 (one size byte) or list32/map32 (four).
    /// </summary>
    internal static int SectionEnd(ReadOnlySpan<byte> message, int start, byte code)
    {
        // Described type (0x00), descriptor as smallulong (0x53) — how the AMQP library encodes sections.
        if (message.Length < start + 4 || message[start] != 0x00 || message[start + 1] != 0x53 || message[start + 2] != code)
        {
            return start;
        }

        var at = start + 3;
        return message[at] switch
        {
            0x45 => at + 1,
            0xC0 or 0xC1 when message.Length > at + 1 => at + 2 + message[at + 1],
            0xD0 or 0xD1 when message.Length > at + 4 => at + 5 + (int)BinaryPrimitives.ReadUInt32BigEndian(message[(at + 1)..]),
            _ => start,
        };
    }
}
