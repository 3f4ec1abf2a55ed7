using System.Diagnostics.Metrics;
using Azure.Messaging.EventHubs;
using Bourse.EngineHost.Publishing;
using Microsoft.Extensions.Logging;

namespace Bourse.EngineHost.Tests.Publishing;

/// <summary>Fault injection with mocked producers and a fake clock: retries, their delays, order, and when the checkpoint moves.</summary>
public sealed class EventHubsPublisherFaultTests : IDisposable
{
    private const int TransientRetryLog = 1;
    private const int NonTransientRetryLog = 2;
    private static readonly int[] Ids = [7];

    private readonly TempDirectory _directory = new();
    private readonly JournalledBooks _books;
    private readonly WatchedClock _clock = new();
    private readonly RecordingLogger _log = new();
    private readonly FakeProducer _executions;
    private readonly FakeProducer _bookUpdates;

    public EventHubsPublisherFaultTests()
    {
        _books = new JournalledBooks(_directory.Path, Ids);
        _executions = new FakeProducer("executions", _clock, maxEventsPerBatch: 8);
        _bookUpdates = new FakeProducer("book-updates", _clock, maxEventsPerBatch: 8);
    }

    private EventHubsPublisherOptions Options => new()
    {
        TimeProvider = _clock,
        UseJitter = false,
        RetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        CheckpointInterval = TimeSpan.Zero,
    };

    [Fact]
    public async Task Transient_failures_are_retried_with_exponential_backoff_without_losing_or_reordering_and_the_checkpoint_waits_for_success()
    {
        _executions.FailAttempt = attempt => attempt <= 5 ? new EventHubsException(true, "executions", "busy", EventHubsException.FailureReason.ServiceBusy) : null;
        using var pipeline = Pipeline();
        pipeline.Start();
        var commands = PublishDriver.Commands(Ids, 40);
        PublishDriver.Run(_books, pipeline.Writer, commands, 0, 40, batchSize: 1_000);

        // 100, 200, 400 ms, then capped at 500: each retry waits exactly its delay on the fake clock.
        TimeSpan[] expected = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)];
        for (var k = 0; k < expected.Length; k++)
        {
            await WaitUntilAsync(() => _log.WithId(TransientRetryLog).Count == k + 1);
            Assert.Equal(expected[k], _log.WithId(TransientRetryLog)[k].Values["Delay"]);
            var delayed = expected.Take(k + 1).Count(d => d == expected[k]);
            await WaitUntilAsync(() => _clock.TimersWithDueTime(expected[k]) == delayed);
            Assert.Equal(0, pipeline.Publisher.GetConfirmedPosition(7).CommandSequence);
            Assert.False(File.Exists(pipeline.Publisher.GetCheckpoint(7).FilePath));

            _clock.Advance(expected[k] - TimeSpan.FromMilliseconds(1));
            await Task.Delay(20);
            Assert.Equal(k + 1, _executions.Attempts);
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            await WaitUntilAsync(() => _executions.Attempts >= k + 2);
        }

        await PublishDriver.DrainAsync(pipeline);
        var last = _books.LastCommandSequence(7);
        Assert.Equal(last, pipeline.Publisher.GetConfirmedPosition(7).CommandSequence);
        Assert.Equal(last, PublishCheckpoint.Load(_books.Instrument(7).JournalDirectory).CommandSequence);
        AssertExactlyOnceInOrder(_executions.Messages, PublishStream.Executions);
        AssertExactlyOnceInOrder(_bookUpdates.Messages, PublishStream.BookUpdates);
        Assert.All(_log.WithId(TransientRetryLog), e => Assert.Equal(LogLevel.Warning, e.Level));
    }

    [Fact]
    public async Task A_non_transient_failure_is_logged_as_an_error_counted_and_retried_after_the_long_delay()
    {
        _bookUpdates.FailAttempt = attempt => attempt <= 2 ? new EventHubsException(false, "book-updates", "no such hub", EventHubsException.FailureReason.ResourceNotFound) : null;
        using var pipeline = Pipeline();
        var failures = new List<(long Value, object? Transient, object? ErrorType)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == pipeline.Publisher.Telemetry.Meter && instrument.Name == "bourse.engine.publish.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var map = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            lock (failures)
            {
                failures.Add((value, map["bourse.transient"], map["error.type"]));
            }
        });
        listener.Start();
        pipeline.Start();
        PublishDriver.Run(_books, pipeline.Writer, PublishDriver.Commands(Ids, 10), 0, 10, batchSize: 1_000);

        for (var k = 0; k < 2; k++)
        {
            await WaitUntilAsync(() => _log.WithId(NonTransientRetryLog).Count == k + 1);
            var entry = _log.WithId(NonTransientRetryLog)[k];
            Assert.Equal(LogLevel.Error, entry.Level);
            Assert.Equal(TimeSpan.FromSeconds(60), entry.Values["Delay"]);
            await WaitUntilAsync(() => _clock.TimersWithDueTime(TimeSpan.FromSeconds(60)) == k + 1);
            _clock.Advance(TimeSpan.FromSeconds(59));
            await Task.Delay(20);
            Assert.Equal(k + 1, _bookUpdates.Attempts);
            _clock.Advance(TimeSpan.FromSeconds(1));
            await WaitUntilAsync(() => _bookUpdates.Attempts >= k + 2);
        }

        await PublishDriver.DrainAsync(pipeline);
        lock (failures)
        {
            Assert.Equal([(1L, (object?)false, (object?)"ResourceNotFound"), (1L, false, "ResourceNotFound")], failures);
        }

        AssertExactlyOnceInOrder(_bookUpdates.Messages, PublishStream.BookUpdates);
        Assert.Equal(_books.LastCommandSequence(7), pipeline.Publisher.GetConfirmedPosition(7).CommandSequence);
    }

    [Fact]
    public async Task A_closed_client_stops_the_publisher_with_a_fault_and_the_checkpoint_stays()
    {
        _executions.FailAttempt = _ => new EventHubsException(false, "executions", "closed", EventHubsException.FailureReason.ClientClosed);
        using var pipeline = Pipeline();
        pipeline.Start();
        PublishDriver.Run(_books, pipeline.Writer, PublishDriver.Commands(Ids, 5), 0, 5, batchSize: 1_000);

        await WaitUntilAsync(() => !pipeline.IsRunning);
        var fault = Assert.IsType<EventHubsException>(pipeline.Fault);
        Assert.Equal(EventHubsException.FailureReason.ClientClosed, fault.Reason);
        Assert.Equal(1, _executions.Attempts);
        Assert.Equal(0, pipeline.Publisher.GetConfirmedPosition(7).CommandSequence);
        Assert.False(await pipeline.StopAsync());
        Assert.False(File.Exists(pipeline.Publisher.GetCheckpoint(7).FilePath));
    }

    [Fact]
    public async Task When_the_ring_is_full_matching_goes_on_and_the_missing_events_are_regenerated_from_the_journal_in_order()
    {
        int[] ids = [7, 8];
        using var directory = new TempDirectory();
        using var books = new JournalledBooks(directory.Path, ids);
        using var gate = new ManualResetEventSlim(false);
        _executions.Gate = gate;
        using var pipeline = new PublishPipeline(
            new EventHubsPublisher(_executions.Object, _bookUpdates.Object, books.Instruments, new ProtobufEventBodyEncoder(), Options, _log), ids, ringSize: 16);
        pipeline.Start();

        // The publisher is stuck in its first send; the matching side runs 2 x 120 commands through a 16-slot ring.
        PublishDriver.Run(books, pipeline.Writer, PublishDriver.Commands(ids, 120), 0, 120, batchSize: 4);
        Assert.True(pipeline.Writer.GapCommands > 100, $"only {pipeline.Writer.GapCommands} commands went to the journal");

        gate.Set();
        await WaitUntilAsync(() =>
        {
            // The matching thread's next batches would write the pending gap markers; here the test is that thread.
            pipeline.Writer.Commit();
            return !ids.Any(pipeline.Writer.HasOpenGap);
        });
        await PublishDriver.DrainAsync(pipeline);

        foreach (var id in ids)
        {
            var key = books.Instrument(id).PartitionKey;
            foreach (var (producer, stream) in new[] { (_executions, PublishStream.Executions), (_bookUpdates, PublishStream.BookUpdates) })
            {
                var mine = producer.Messages.Where(m => m.Instrument == key).ToList();
                Assert.Equal(Enumerable.Range(1, mine.Count).Select(i => (long)i), mine.Select(m => m.Sequence));
                Assert.Equal(Dedupe.Expected(books.AllEvents(id), stream, BodyEncoding.Protobuf), mine.Select(m => m.Body));
            }

            Assert.Equal(books.LastCommandSequence(id), pipeline.Publisher.GetConfirmedPosition(id).CommandSequence);
        }

        Assert.NotEmpty(_log.WithId(10));
    }

    public void Dispose()
    {
        _books.Dispose();
        _directory.Dispose();
    }

    private PublishPipeline Pipeline() => new(
        new EventHubsPublisher(_executions.Object, _bookUpdates.Object, _books.Instruments, new InterimEventBodyEncoder(), Options, _log), Ids, ringSize: 1 << 10);

    private void AssertExactlyOnceInOrder(List<PublishedMessage> messages, PublishStream stream)
    {
        Assert.Equal(Enumerable.Range(1, messages.Count).Select(i => (long)i), messages.Select(m => m.Sequence));
        Assert.Equal(Dedupe.Expected(_books.AllEvents(7), stream, BodyEncoding.Interim), messages.Select(m => m.Body));
        Assert.All(messages, m => Assert.Equal("I7", m.PartitionKey));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(2, timeout.Token);
        }
    }
}
