using System.Globalization;
using Azure.Messaging.EventHubs;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Publishing;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.Publishing;

/// <summary>
/// What a consumer sees of one message: the publishing properties, checked against the body, and the body described
/// as a string that <see cref="Dedupe.Expected"/> derives independently from the books' events.
/// </summary>
internal sealed record PublishedMessage(string Hub, string? Partition, string Instrument, long Sequence, long CommandSequence, string? TraceParent, string Body, string? PartitionKey)
{
    public static PublishedMessage From(string hub, string? partition, EventData data)
    {
        var sequence = (long)data.Properties[EventHubsPublisher.SequenceProperty];
        var commandSequence = (long)data.Properties[EventHubsPublisher.CommandSequenceProperty];
        var traceParent = data.Properties.TryGetValue(Bourse.EngineHost.Publishing.TraceParent.PropertyName, out var tp) ? (string)tp : null;
        var bytes = data.EventBody.ToArray();
        string body;
        switch (data.ContentType)
        {
            case InterimEventBodyEncoder.ContentType:
                Assert.True(InterimEventBodyEncoder.TryRead(bytes, out _, out var bodySequence, out var e), "the body is the interim layout");
                Assert.Equal(sequence, bodySequence);
                body = Dedupe.Describe(e);
                break;
            case ProtobufEventBodyEncoder.ExecutionReportContentType:
                var report = V1.ExecutionReport.Parser.ParseFrom(bytes);
                Assert.Equal(sequence, report.InstrumentSequence);
                Assert.Equal(commandSequence, report.CommandSequence);
                Assert.Equal(traceParent ?? "", report.TraceContext?.Traceparent ?? "");
                body = string.Create(CultureInfo.InvariantCulture, $"{report.EventCase} #{report.EventSequence} order {report.OrderId} account {report.AccountId}");
                if (report.EventCase == V1.ExecutionReport.EventOneofCase.Fill)
                {
                    body += string.Create(CultureInfo.InvariantCulture, $" leaves {report.Fill.LeavesQuantity}");
                }
                break;
            case ProtobufEventBodyEncoder.BookUpdateContentType:
                var update = V1.BookUpdate.Parser.ParseFrom(bytes);
                Assert.Equal(sequence, update.InstrumentSequence);
                Assert.Equal(commandSequence, update.CommandSequence);
                body = string.Create(
                    CultureInfo.InvariantCulture,
                    $"book #{update.EventSequence} [{string.Join(' ', update.Levels.Select(l => $"{(l.Side == V1.Side.Buy ? 'B' : 'S')}{l.TotalQuantity}@{l.PriceTicks}/{l.OrderCount}"))}]");
                break;
            default:
                throw new InvalidOperationException($"Unexpected content type '{data.ContentType}'.");
        }

        return new PublishedMessage(hub, partition, (string)data.Properties[EventHubsPublisher.InstrumentProperty], sequence, commandSequence, traceParent, body, data.PartitionKey);
    }
}

/// <summary>The body encodings the tests publish with.</summary>
internal enum BodyEncoding
{
    Interim,
    Protobuf,
}

/// <summary>Consumer-side checks: dedupe by (instrument, sequence) per hub, and what a hub should hold.</summary>
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
                Assert.Equal(first.Body, message.Body);
                Assert.Equal(first.CommandSequence, message.CommandSequence);
                continue;
            }

            seen.Add((message.Instrument, message.Sequence), message);
            firsts.Add(message);
        }

        return firsts;
    }

    /// <summary>The bodies a hub should hold for a book's events, in order, derived from the events (not by the encoder).</summary>
    public static List<string> Expected(IEnumerable<MatchEvent> events, PublishStream stream, BodyEncoding encoding)
    {
        var mine = events.Where(e => PublishRouting.StreamOf(e.Type) == stream).ToList();
        if (encoding == BodyEncoding.Interim)
        {
            return [.. mine.Select(Describe)];
        }

        if (stream == PublishStream.BookUpdates)
        {
            return [.. mine.GroupBy(e => e.CommandSequence).Select(command => string.Create(
                CultureInfo.InvariantCulture,
                $"book #{command.Last().Sequence} [{string.Join(' ', command.Select(l => $"{(l.Side == Side.Buy ? 'B' : 'S')}{l.Quantity}@{l.Price}/{l.OrderCount}"))}]"))];
        }

        return [.. mine.SelectMany(e => e.Type == EventType.Trade
            ? new[]
            {
                string.Create(CultureInfo.InvariantCulture, $"Fill #{e.Sequence} order {e.OrderId} account {e.AccountId} leaves {e.LeavesQuantity}"),
                string.Create(CultureInfo.InvariantCulture, $"Fill #{e.Sequence} order {e.MakerOrderId} account {e.MakerAccountId} leaves {e.MakerLeavesQuantity}"),
            }
            : [string.Create(CultureInfo.InvariantCulture, $"{ReportCase(e.Type)} #{e.Sequence} order {e.OrderId} account {e.AccountId}")])];
    }

    public static string Describe(MatchEvent e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Type} #{e.Sequence} cmd {e.CommandSequence} order {e.OrderId}/{e.MakerOrderId} {e.Side} {e.Quantity}@{e.Price} n{e.OrderCount} r{e.Reason}");

    private static string ReportCase(EventType type) => type switch
    {
        EventType.Accepted => "Accepted",
        EventType.Rejected => "Rejected",
        EventType.Cancelled => "Cancelled",
        EventType.Replaced => "Replaced",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
