using Bourse.EventHubsLocal.Amqp;
using Bourse.EventHubsLocal.Storage;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Bourse.EventHubsLocal.Tests.Amqp;

public sealed class LastEnqueuedAnnotationsTests
{
    [Fact]
    public void The_spliced_message_decodes_with_its_sections_and_the_new_delivery_annotations()
    {
        var original = AmqpMessage.Create(new Data { Value = new ArraySegment<byte>([1, 2, 3]) });
        original.Header.Durable = true;
        original.MessageAnnotations.Map[EventHubsAmqp.SequenceNumberAnnotation] = 41L;
        original.ApplicationProperties.Map["traceparent"] = "00-abc-def-01";
        var bytes = original.GetPayload().SelectMany(s => s.ToArray()).ToArray();
        var state = new PartitionState(43, 42, 1000, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

        var spliced = LastEnqueuedAnnotations.Splice(bytes, state, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500));
        var decoded = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream(spliced));

        Assert.True(decoded.Header.Durable);
        Assert.Equal(42L, decoded.DeliveryAnnotations.Map[EventHubsAmqp.LastEnqueuedSequenceNumber]);
        Assert.Equal("1000", decoded.DeliveryAnnotations.Map[EventHubsAmqp.LastEnqueuedOffset]);
        Assert.Equal(state.LastEnqueuedTime.UtcDateTime, decoded.DeliveryAnnotations.Map[EventHubsAmqp.LastEnqueuedTimeUtc]);
        Assert.Equal(41L, decoded.MessageAnnotations.Map[EventHubsAmqp.SequenceNumberAnnotation]);
        Assert.Equal("00-abc-def-01", decoded.ApplicationProperties.Map["traceparent"]);
        Assert.Equal([1, 2, 3], ((ArraySegment<byte>)decoded.DataBody.Single().Value).ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x53, 0x70, 0x45, 0xFF }, 0x70, 4)]
    [InlineData(new byte[] { 0x00, 0x53, 0x70, 0xC0, 0x02, 0x01, 0x41, 0xFF }, 0x70, 7)]
    [InlineData(new byte[] { 0x00, 0x53, 0x71, 0xD1, 0x00, 0x00, 0x00, 0x01, 0x00, 0xFF }, 0x71, 9)]
    [InlineData(new byte[] { 0x00, 0x53, 0x72, 0xC1, 0x01, 0x00 }, 0x70, 0)]
    [InlineData(new byte[] { 0x00, 0x53 }, 0x70, 0)]
    public void Finds_where_a_header_or_delivery_annotations_section_ends(byte[] message, byte code, int end) =>
        Assert.Equal(end, LastEnqueuedAnnotations.SectionEnd(message, 0, code));
}
