using Azure.Messaging.EventHubs;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Publishing;

namespace Bourse.EngineHost.Tests.Publishing;

/// <summary>What a consumer sees of one message: the publishing properties and the decoded (interim) body.</summary>
internal sealed record PublishedMessage(string Hub, string? Partition, string Instrument, long Sequence, long CommandSequence, string? TraceParent, MatchEvent Event, string? PartitionKey)
{
    public static PublishedMessage From(string hub, string? partition, EventData data)
    {
        Assert.True(InterimEventBodyEncoder.TryRead(data.EventBody.ToArray(), out _, out var bodySequence, out var e), "the body is the interim layout");
        var sequence = (long)data.Properties[EventHubsPublisher.SequenceProperty];
        Assert.Equal(sequence, bodySequence);
        Assert.Equal(InterimEventBodyEncoder.ContentType, data.ContentType);
        return new PublishedMessage(
            hub,
            partition,
            (string)data.Properties[EventHubsPublisher.InstrumentProperty],
            sequence,
            (long)data.Properties[EventHubsPublisher.CommandSequenceProperty],
            data.Properties.TryGetValue(Bourse.EngineHost.Publishing.TraceParent.PropertyName, out var tp) ? (string)tp : null,
            e,
            data.PartitionKey);
    }
}

/// <summary>Consumer-side checks: dedupe by (instrument, sequence) per hub.</summary>
internal static class Dedupe
{
    /// <summary>The first copy of each (instrument, sequence), in arrival order, asserting that duplicates are identical.</summary>
    public static List<PublishedMessage> FirstCopies(IEnumerable<PublishedMessage> messages)
    {
        var seen = new Dictionary<(string, long), PublishedMessage>();
        var firsts = new List<PublishedMessage>();
        foreach (var message in messages)
        {
            if (seen.TryGetValue((message.Instrument, message.Sequence), out var first))
            {
                Assert.Equal(first.Event, message.Event);
                Assert.Equal(first.CommandSequence, message.CommandSequence);
                continue;
            }

            seen.Add((message.Instrument, message.Sequence), message);
            firsts.Add(message);
        }

        return firsts;
    }

    /// <summary>The events a book produced that go to <paramref name="stream"/>, in order.</summary>
    public static List<MatchEvent> Expected(IEnumerable<MatchEvent> events, PublishStream stream) =>
        [.. events.Where(e => PublishRouting.StreamOf(e.Type) == stream)];
}
