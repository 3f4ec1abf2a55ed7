using System.Collections.Concurrent;
using System.Diagnostics;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Hosting;
using Bourse.EngineHost.Publishing;
using Bourse.EngineHost.Sharding;
using Bourse.EngineHost.Tests.Publishing;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry;
using OpenTelemetry.Trace;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.Hosting;

/// <summary>
/// An order's trace, across the whole host: its gRPC call (ASP.NET Core's server span), its command, the events
/// published to Event Hubs (the local endpoint, read back with the real consumer), and the publisher's send spans.
/// </summary>
public sealed class HostTracingTests : IDisposable
{
    private const int Instrument = 3;
    private const string InMessage = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private const string InHeader = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-host-trace-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task An_orders_trace_context_reaches_its_published_events_and_the_call_and_the_sends_are_exported_as_spans()
    {
        await using var hubs = await LocalHubs.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var spans = new ConcurrentQueue<Activity>();
        var inMessage = ActivityContext.Parse(InMessage, null);
        var inHeader = ActivityContext.Parse(InHeader, null);

        await using (var server = EngineHostServer.Create(
            [
                new ShardOptions
                {
                    Name = "t",
                    Instruments = [new InstrumentSpec(Instrument)],
                    JournalDirectory = _directory.FullName,
                    JournalOptions = new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch },
                },
            ],
            publishing: new EventHubsPublishing(hubs.ConnectionString, LocalHubs.Executions, LocalHubs.BookUpdates),
            telemetry: otel => otel.WithTracing(tracing => tracing.AddInMemoryExporter(new QueueCollection(spans)))))
        {
            await server.StartAsync();
            using var channel = GrpcChannel.ForAddress(server.OrderEntryAddress);
            var client = new V1.OrderEntry.OrderEntryClient(channel);

            // A trace context in the request message wins; without one, the call's own span (a child of the W3C
            // traceparent header) is the order's parent.
            var first = Order("in-message", V1.Side.Sell);
            first.TraceContext = new V1.TraceContext { Traceparent = InMessage };
            var firstAck = await client.NewOrderAsync(first, cancellationToken: timeout.Token);
            var secondAck = await client.NewOrderAsync(
                Order("in-header", V1.Side.Buy),
                new Metadata { { "traceparent", InHeader } },
                cancellationToken: timeout.Token);
            Assert.Equal(V1.OrderAckStatus.Accepted, firstAck.Status);
            Assert.Equal(V1.OrderAckStatus.Accepted, secondAck.Status);

            var executions = await ReadAtLeastAsync(hubs, 4, timeout.Token);
            var firstEvents = executions.Where(m => m.CommandSequence == firstAck.CommandSequence).ToList();
            var secondEvents = executions.Where(m => m.CommandSequence == secondAck.CommandSequence).ToList();
            Assert.NotEmpty(firstEvents);
            Assert.NotEmpty(secondEvents);
            Assert.All(firstEvents, m => Assert.Equal(InMessage, m.TraceParent));

            var call = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.TraceId == inHeader.TraceId);
            Assert.Equal(inHeader.SpanId, call.ParentSpanId);
            Assert.All(secondEvents, m => Assert.Equal($"00-{inHeader.TraceId}-{call.SpanId}-01", m.TraceParent));
            Assert.DoesNotContain(spans, s => s.TraceId == inMessage.TraceId && s.Kind == ActivityKind.Server);
        }

        var sends = spans.Where(s => s.Source.Name == PublishingTelemetry.ActivitySourceName).ToList();
        Assert.Contains(sends, s => s.Kind == ActivityKind.Producer && s.DisplayName == $"send {LocalHubs.Executions}"
            && (string?)s.GetTagItem("messaging.destination.name") == LocalHubs.Executions && s.Status != ActivityStatusCode.Error);
        Assert.Contains(sends, s => s.DisplayName == $"send {LocalHubs.BookUpdates}");
    }

    private static async Task<List<PublishedMessage>> ReadAtLeastAsync(LocalHubs hubs, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var messages = await hubs.ReadAllAsync(LocalHubs.Executions, cancellationToken);
            if (messages.Count >= count)
            {
                return messages;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static V1.NewOrderRequest Order(string id, V1.Side side) => new()
    {
        ClientOrderId = id,
        AccountId = side == V1.Side.Buy ? 2 : 1,
        InstrumentId = Instrument,
        Side = side,
        OrderType = V1.OrderType.Limit,
        TimeInForce = V1.TimeInForce.Gtc,
        PriceTicks = 100,
        Quantity = 10,
    };

    /// <summary>The in-memory exporter's collection, safe for the exporting threads and the test reading it.</summary>
    private sealed class QueueCollection(ConcurrentQueue<Activity> queue) : ICollection<Activity>
    {
        public int Count => queue.Count;

        public bool IsReadOnly => false;

        public void Add(Activity item) => queue.Enqueue(item);

        public void Clear() => throw new NotSupportedException();

        public bool Contains(Activity item) => queue.Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => queue.CopyTo(array, arrayIndex);

        public bool Remove(Activity item) => throw new NotSupportedException();

        public IEnumerator<Activity> GetEnumerator() => queue.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
