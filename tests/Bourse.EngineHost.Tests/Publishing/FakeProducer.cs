using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using Moq;

namespace Bourse.EngineHost.Tests.Publishing;

/// <summary>
/// A mocked <see cref="EventHubProducerClient"/> (its service methods are virtual): batches from
/// <see cref="EventHubsModelFactory"/>, sends that can fail on chosen attempts or wait at a gate, and a record of every
/// batch that was accepted.
/// </summary>
internal sealed class FakeProducer
{
    private readonly Lock _lock = new();
    private readonly Dictionary<EventDataBatch, (List<EventData> Events, string? Key)> _batches = [];
    private readonly List<AcceptedBatch> _accepted = [];
    private int _attempts;

    public FakeProducer(string hub, TimeProvider clock, int maxEventsPerBatch = 1_000)
    {
        // The connection-string constructor connects nothing until a (here mocked) operation runs; it gives the
        // mock a real EventHubName, which is not virtual.
        Mock = new Mock<EventHubProducerClient>("Endpoint=sb://127.0.0.1/;SharedAccessKeyName=fake;SharedAccessKey=fake;UseDevelopmentEmulator=true", hub);
        Mock.Setup(p => p.CreateBatchAsync(It.IsAny<CreateBatchOptions>(), It.IsAny<CancellationToken>()))
            .Returns((CreateBatchOptions options, CancellationToken _) =>
            {
                var events = new List<EventData>();
                var batch = EventHubsModelFactory.EventDataBatch(1_000_000, events, options, _ => events.Count < maxEventsPerBatch);
                lock (_lock)
                {
                    _batches.Add(batch, (events, options.PartitionKey));
                }

                return new ValueTask<EventDataBatch>(batch);
            });
        Mock.Setup(p => p.SendAsync(It.IsAny<EventDataBatch>(), It.IsAny<CancellationToken>()))
            .Returns((EventDataBatch batch, CancellationToken cancellationToken) =>
            {
                var attempt = Interlocked.Increment(ref _attempts);
                Gate?.Wait(cancellationToken);
                if (FailAttempt?.Invoke(attempt) is { } failure)
                {
                    return Task.FromException(failure);
                }

                lock (_lock)
                {
                    var (events, key) = _batches[batch];
                    _accepted.Add(new AcceptedBatch(clock.GetUtcNow(), key, [.. events]));
                }

                return Task.CompletedTask;
            });
    }

    public Mock<EventHubProducerClient> Mock { get; }

    public EventHubProducerClient Object => Mock.Object;

    /// <summary>The exception send attempt N (from 1) throws, or null for success.</summary>
    public Func<int, Exception?>? FailAttempt { get; set; }

    /// <summary>When set, every send waits for it first.</summary>
    public ManualResetEventSlim? Gate { get; set; }

    public int Attempts => Volatile.Read(ref _attempts);

    public List<AcceptedBatch> Accepted
    {
        get
        {
            lock (_lock)
            {
                return [.. _accepted];
            }
        }
    }

    /// <summary>Every accepted message as the consumer would see it, in sending order.</summary>
    public List<PublishedMessage> Messages => [.. Accepted.SelectMany(b => b.Events.Select(e => PublishedMessage.From(Mock.Object.EventHubName, partition: null, e) with { PartitionKey = b.PartitionKey }))];

    internal sealed record AcceptedBatch(DateTimeOffset At, string? PartitionKey, List<EventData> Events);
}
