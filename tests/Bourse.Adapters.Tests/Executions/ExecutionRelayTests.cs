using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Azure.Messaging.EventHubs.Producer;
using Azure.Storage.Blobs;
using Bourse.Adapters.EventHubs;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain.Risk;
using Bourse.EventHubsLocal;
using Bourse.LocalEmulators;
using Bourse.Orchestrations.Executions;
using Bourse.Orchestrations.Ports;
using Google.Protobuf;
using Microsoft.Azure.Cosmos;
using Moq;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.Adapters.Tests.Executions;

/// <summary>
/// The relay with everything real: the local Event Hubs endpoint, checkpoints in Azurite, the executions and links stores
/// on the local Cosmos DB server, and reports raised through the Durable Task client to orchestrations on the in-process
/// host (a recording orchestration stands in for the saga). Moq only injects store faults.
/// </summary>
[Collection(SharedCosmosServer.Name)]
public sealed class ExecutionRelayTests(CosmosFixture cosmos) : IAsyncLifetime, IDisposable
{
    private const int Instrument = 600519;
    private const int Hubs = 6;
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bourse-relay-");
    private AzuriteServer _azurite = null!;
    private EventHubsLocalServer _hubs = null!;
    private RecordingSagaHost _sagas = null!;
    private int _nextHub;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        var options = new EventHubsLocalServerOptions { DataDirectory = _data.FullName };
        for (var i = 0; i < Hubs; i++)
        {
            options.Hubs.Add(new EventHubDefinition($"executions-{i}", 2));
        }

        _hubs = new EventHubsLocalServer(options);
        await _hubs.StartAsync();
        _sagas = await RecordingSagaHost.StartAsync(await ExecutionStores.CreateAsync(cosmos.Database));
    }

    public async Task DisposeAsync()
    {
        await _sagas.DisposeAsync();
        await _hubs.DisposeAsync();
        await _azurite.DisposeAsync();
        _data.Delete(recursive: true);
    }

    /// <summary>Everything is released in <see cref="DisposeAsync"/>; this only satisfies the ownership analyzer.</summary>
    public void Dispose()
    {
    }

    [Fact]
    public async Task Each_report_reaches_its_own_saga_and_redelivered_reordered_reports_are_stored_once()
    {
        var env = await NewEnvironmentAsync();
        var first = await _sagas.StartRecorderAsync(expected: 2);
        var second = await _sagas.StartRecorderAsync(expected: 2);
        await env.Stores.Links.LinkAsync(new OrderLink(Instrument, 11, first, "A-1", OrderSide.Buy));
        await env.Stores.Links.LinkAsync(new OrderLink(Instrument, 12, second, "A-2", OrderSide.Sell));
        V1.ExecutionReport[] reports =
        [
            Reports.Accepted(Instrument, 1, 12, V1.Side.Sell),
            Reports.Accepted(Instrument, 2, 11, V1.Side.Buy),
            Reports.Fill(Instrument, 3, 11, trade: 7, taker: 11, maker: 12, account: 1001),
            Reports.Fill(Instrument, 4, 12, trade: 7, taker: 11, maker: 12, account: 1002),
            Reports.Accepted(Instrument, 5, 13, V1.Side.Buy),
        ];
        await SendAsync(env.Hub, reports);
        await SendAsync(env.Hub, [.. reports.Reverse()]); // every report again, in reverse order

        await using var relay = env.Relay();
        await relay.StartProcessingAsync();
        await env.Metrics.WaitAsync(m => m.Get("bourse.relay.routed") + m.Get("bourse.relay.saga_not_running") + m.Get("bourse.relay.unlinked") == 10);
        await relay.StopProcessingAsync();

        Assert.Equal([2L, 3L], (await _sagas.ReceivedAsync(first, got => got.Count == 2)).Order());
        Assert.Equal([1L, 4L], (await _sagas.ReceivedAsync(second, got => got.Count == 2)).Order());
        var stored = await env.Stores.Executions.GetWindowAsync(new ExecutionWindow(Instrument));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], stored.Select(s => s.Report.InstrumentSequence));
        Assert.Equal(OrderSide.Sell, stored.Single(s => s.Report.InstrumentSequence == 4).Side); // the maker of a buyer's trade sold
        Assert.Equal([0L, 0L, 1001L, 1002L, 0L], stored.Select(s => s.EngineAccountId));
        Assert.Equal(5, env.Metrics.Get("bourse.relay.duplicates"));
        Assert.Equal(2, env.Metrics.Get("bourse.relay.unlinked"));
        Assert.Equal(8, env.Metrics.Get("bourse.relay.routed") + env.Metrics.Get("bourse.relay.saga_not_running"));
    }

    [Fact]
    public async Task Malformed_events_are_counted_and_skipped_without_holding_up_the_partition()
    {
        var env = await NewEnvironmentAsync();
        var skipped = new ConcurrentQueue<MalformedExecutionReport>();
        await SendRawAsync(env.Hub, [
            new EventData(new byte[] { 0xFF, 0xFF, 0xFF }),
            new EventData(new V1.ExecutionReport { InstrumentId = Instrument, InstrumentSequence = 1, OrderId = 5 }.ToByteArray()),
            Event(Reports.Fill(Instrument, 2, 5, trade: 9, taker: 6, maker: 7)),
            Event(Reports.Accepted(Instrument, 3, 5)),
        ]);

        await using var relay = env.Relay();
        relay.MalformedReportSkipped += (_, error) => skipped.Enqueue(error);
        await relay.StartProcessingAsync();
        await env.Metrics.WaitAsync("bourse.relay.unlinked", 1);
        Assert.Equal(3, await env.CheckpointAsync(relay, expected: 3)); // past the last event: nothing is read again
        await relay.StopProcessingAsync();

        Assert.Equal(3, env.Metrics.Get("bourse.relay.malformed"));
        Assert.Equal(
            [MalformedReportReason.NotProtobuf, MalformedReportReason.MissingEvent, MalformedReportReason.InconsistentFill],
            skipped.Select(s => s.Reason));
        Assert.Equal([3L], (await env.Stores.Executions.GetWindowAsync(new ExecutionWindow(Instrument))).Select(s => s.Report.InstrumentSequence));
    }

    [Fact]
    public async Task A_failing_store_is_retried_and_the_checkpoint_moves_only_after_it_stored()
    {
        var env = await NewEnvironmentAsync();
        var failures = 0;
        var store = new Mock<IExecutionStore>();
        store.Setup(s => s.StoreAsync(It.IsAny<StoredExecution>(), It.IsAny<CancellationToken>()))
            .Returns<StoredExecution, CancellationToken>((e, ct) => Interlocked.Increment(ref failures) <= 3
                ? throw new CosmosException("injected", System.Net.HttpStatusCode.ServiceUnavailable, 0, string.Empty, 0)
                : env.Stores.Executions.StoreAsync(e, ct));
        await SendAsync(env.Hub, [Reports.Accepted(Instrument, 1, 21), Reports.Accepted(Instrument, 2, 22)]);

        await using var relay = env.Relay(new ExecutionRouter(store.Object, env.Stores.Links, _sagas.Raiser));
        await relay.StartProcessingAsync();
        await env.Metrics.WaitAsync("bourse.relay.unlinked", 2);
        Assert.Equal(1, await env.CheckpointAsync(relay, expected: 1));
        await relay.StopProcessingAsync();

        Assert.Equal(5, failures); // three injected failures, then both reports stored
        Assert.Equal(0, env.Metrics.Get("bourse.relay.failures"));
        Assert.Equal(2, (await env.Stores.Executions.GetWindowAsync(new ExecutionWindow(Instrument))).Count);
    }

    [Fact]
    public async Task A_store_down_past_the_retries_stops_the_partition_before_the_report_and_a_restart_resumes_from_the_checkpoint()
    {
        var env = await NewEnvironmentAsync();
        var down = new Mock<IExecutionStore>();
        var calls = 0;
        down.Setup(s => s.StoreAsync(It.IsAny<StoredExecution>(), It.IsAny<CancellationToken>()))
            .Returns<StoredExecution, CancellationToken>((e, ct) => Interlocked.Increment(ref calls) == 1
                ? env.Stores.Executions.StoreAsync(e, ct)
                : throw new InvalidOperationException("store down"));
        await SendAsync(env.Hub, [Reports.Accepted(Instrument, 1, 31), Reports.Accepted(Instrument, 2, 32), Reports.Accepted(Instrument, 3, 33)]);

        await using (var failing = env.Relay(new ExecutionRouter(down.Object, env.Stores.Links, _sagas.Raiser), maxRetries: 2))
        {
            await failing.StartProcessingAsync();
            await env.Metrics.WaitAsync("bourse.relay.failures", 1);
            Assert.Equal(0, await env.CheckpointAsync(failing, expected: 0)); // after the first report, before the failed one
            await Task.Delay(500); // a stopped partition takes nothing more: the checkpoint stays
            Assert.Equal(0, await env.CheckpointAsync(failing));
            await failing.StopProcessingAsync();
        }

        Assert.Equal(4, calls); // the first report, then the second one three times (two retries); the third never tried
        await SendAsync(env.Hub, [Reports.Accepted(Instrument, 4, 34)]);
        var restarted = new RelayMetricsProbe();
        await using var healthy = env.Relay(metrics: restarted);
        await healthy.StartProcessingAsync();
        await restarted.WaitAsync("bourse.relay.unlinked", 3);
        Assert.Equal(3, await env.CheckpointAsync(healthy, expected: 3));
        await healthy.StopProcessingAsync();

        Assert.Equal(3, restarted.Get("bourse.relay.received")); // from the checkpoint: the first report is not read again
        Assert.Equal([1L, 2L, 3L, 4L], (await env.Stores.Executions.GetWindowAsync(new ExecutionWindow(Instrument))).Select(s => s.Report.InstrumentSequence));
    }

    [Fact]
    public async Task A_report_of_a_finished_saga_is_stored_and_counted_and_the_relay_goes_on()
    {
        var env = await NewEnvironmentAsync();
        var done = await _sagas.StartRecorderAsync(expected: 1);
        await env.Stores.Links.LinkAsync(new OrderLink(Instrument, 41, done, "A-1", OrderSide.Buy));
        await env.Stores.Links.LinkAsync(new OrderLink(Instrument, 42, "order-never-started", "A-1", OrderSide.Buy));
        await _sagas.Raiser.RaiseExecutionReportAsync(done, new Orchestrations.OrderToClearing.ExecutionReport(Instrument, 99, Orchestrations.OrderToClearing.ExecutionKind.Accepted, 41));
        await _sagas.WaitAsync(done, m => m.IsCompleted);
        await SendAsync(env.Hub, [Reports.Accepted(Instrument, 1, 41), Reports.Accepted(Instrument, 2, 42), Reports.Accepted(Instrument, 3, 43)]);

        await using var relay = env.Relay();
        await relay.StartProcessingAsync();
        await env.Metrics.WaitAsync("bourse.relay.unlinked", 1);
        Assert.Equal(2, await env.CheckpointAsync(relay, expected: 2));
        await relay.StopProcessingAsync();

        Assert.Equal(2, env.Metrics.Get("bourse.relay.saga_not_running"));
        Assert.Equal(3, (await env.Stores.Executions.GetWindowAsync(new ExecutionWindow(Instrument))).Count);
    }

    private async Task<RelayEnvironment> NewEnvironmentAsync()
    {
        var container = new BlobContainerClient(_azurite.ConnectionString, $"checkpoints-{Guid.NewGuid():N}");
        await container.CreateIfNotExistsAsync();
        var stores = await ExecutionStores.CreateAsync(cosmos.Database);
        var hub = $"executions-{Interlocked.Increment(ref _nextHub) - 1}";
        return new RelayEnvironment(_hubs.ConnectionString, hub, container, new BlobCheckpointStore(container), stores, _sagas, new RelayMetricsProbe());
    }

    private static EventData Event(V1.ExecutionReport report) => new(report.ToByteArray())
    {
        Properties = { [ExecutionReportDecoder.SequenceProperty] = report.InstrumentSequence },
    };

    private Task SendAsync(string hub, IEnumerable<V1.ExecutionReport> reports) => SendRawAsync(hub, reports.Select(Event));

    private async Task SendRawAsync(string hub, IEnumerable<EventData> events)
    {
        await using var producer = new EventHubProducerClient(_hubs.ConnectionString, hub);
        // Partition key = the instrument, as the engine host publishes: one partition keeps the book's order.
        await producer.SendAsync(events, new SendEventOptions { PartitionKey = Instrument.ToString(CultureInfo.InvariantCulture) });
    }

    private sealed record RelayEnvironment(
        string ConnectionString, string Hub, BlobContainerClient Container, BlobCheckpointStore Checkpoints, ExecutionStores Stores, RecordingSagaHost Sagas, RelayMetricsProbe Metrics)
    {
        public TestRelay Relay(ExecutionRouter? router = null, int maxRetries = 5, RelayMetricsProbe? metrics = null) => new(
            Checkpoints, ConnectionString,
            new ExecutionRelayOptions
            {
                EventHubName = Hub,
                BatchSize = 50,
                MaxRouteRetries = maxRetries,
                RetryDelay = TimeSpan.FromMilliseconds(10),
                Processor = new EventProcessorOptions
                {
                    LoadBalancingStrategy = LoadBalancingStrategy.Greedy,
                    LoadBalancingUpdateInterval = TimeSpan.FromMilliseconds(200),
                    // A relay started after another one stopped takes its partitions at once if the stop relinquished them,
                    // otherwise after this instead of the default two minutes (a clean-clone run once timed out waiting
                    // for the restarted relay under load; the cause is not proven).
                    PartitionOwnershipExpirationInterval = TimeSpan.FromSeconds(3),
                    MaximumWaitTime = TimeSpan.FromMilliseconds(200),
                },
            },
            router ?? new ExecutionRouter(Stores.Executions, Stores.Links, Sagas.Raiser), (metrics ?? Metrics).Metrics);

        /// <summary>The sequence number of the event the partition's checkpoint was taken at (as the store's blob records it), or null.</summary>
        /// <summary>Polls until the checkpoint is <paramref name="expected"/> (it is written just after the batch's counters), at most 10 s.</summary>
        public async Task<long?> CheckpointAsync(TestRelay relay, long expected)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            long? now;
            while ((now = await CheckpointAsync(relay)) != expected && !timeout.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None);
            }

            return now;
        }

        public async Task<long?> CheckpointAsync(TestRelay relay)
        {
            var partition = await relay.PartitionWithEventsAsync();
            var blob = Container.GetBlobClient($"{relay.FullyQualifiedNamespace}/{Hub}/{relay.ConsumerGroup}/checkpoint/{partition}".ToLowerInvariant());
            if (!await blob.ExistsAsync())
            {
                return null;
            }

            var metadata = (await blob.GetPropertiesAsync()).Value.Metadata;
            return long.Parse(metadata["sequencenumber"], CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The relay, disposable so that each test stops it even when an assertion fails.</summary>
    private sealed class TestRelay(
        CheckpointStore store, string connectionString, ExecutionRelayOptions options, ExecutionRouter router, ExecutionRelayMetrics metrics)
        : ExecutionRelay(store, connectionString, options, router, metrics), IAsyncDisposable
    {
        private readonly string _connectionString = connectionString;

        /// <summary>The partition the instrument's key maps to (the one partition the tests write to).</summary>
        public async Task<string> PartitionWithEventsAsync()
        {
            await using var consumer = new Azure.Messaging.EventHubs.Consumer.EventHubConsumerClient(ConsumerGroup, _connectionString, EventHubName);
            foreach (var id in await consumer.GetPartitionIdsAsync())
            {
                if (!(await consumer.GetPartitionPropertiesAsync(id)).IsEmpty)
                {
                    return id;
                }
            }

            throw new InvalidOperationException("no partition has events");
        }

        public async ValueTask DisposeAsync()
        {
            if (IsRunning)
            {
                await StopProcessingAsync();
            }
        }
    }
}

/// <summary>The relay's counters read back through a <see cref="MeterListener"/> on its own meter.</summary>
internal sealed class RelayMetricsProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public RelayMetricsProbe()
    {
        Metrics = new ExecutionRelayMetrics();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, Metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.Start();
    }

    public ExecutionRelayMetrics Metrics { get; }

    public long Get(string name) => _totals.GetValueOrDefault(name);

    public Task WaitAsync(string name, long atLeast) => WaitAsync(m => m.Get(name) >= atLeast);

    public async Task WaitAsync(Func<RelayMetricsProbe, bool> until)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        while (!until(this))
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        Metrics.Dispose();
    }
}
