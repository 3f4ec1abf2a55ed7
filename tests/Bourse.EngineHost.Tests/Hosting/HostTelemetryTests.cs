using Bourse.Engine.Matching;
using Bourse.EngineHost.Configuration;
using Bourse.EngineHost.Hosting;
using Bourse.EngineHost.Sharding;
using Grpc.Net.Client;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.Hosting;

/// <summary>The host's metrics leave through OpenTelemetry: here into the SDK's in-memory exporter.</summary>
public sealed class HostTelemetryTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-otel-");
    private readonly List<MetricSnapshot> _exported = [];
    private EngineHostServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = EngineHostServer.Create(
            [new ShardOptions { Name = "otel", Instruments = [new InstrumentSpec(1)], JournalDirectory = _directory.FullName }],
            telemetry: otel => otel.WithMetrics(metrics => metrics.AddInMemoryExporter(
                _exported, reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 200)));
        await _server.StartAsync();
    }

    [Fact]
    public async Task Commands_queue_depth_and_match_and_commit_latency_are_exported()
    {
        using var channel = GrpcChannel.ForAddress(_server.OrderEntryAddress);
        var client = new V1.OrderEntry.OrderEntryClient(channel);
        for (var i = 0; i < 20; i++)
        {
            var ack = await client.NewOrderAsync(new V1.NewOrderRequest
            {
                ClientOrderId = $"otel-{i}",
                AccountId = 1 + (i % 2),
                InstrumentId = 1,
                Side = i % 2 == 0 ? V1.Side.Buy : V1.Side.Sell,
                OrderType = V1.OrderType.Limit,
                TimeInForce = V1.TimeInForce.Gtc,
                PriceTicks = 100,
                Quantity = 1,
            });
            Assert.Equal(V1.OrderAckStatus.Accepted, ack.Status);
        }

        var names = new[] { "bourse.engine.commands", "bourse.engine.queue.depth", "bourse.engine.match.latency", "bourse.engine.commit.latency" };
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        long commands = 0;
        while (waiting.Elapsed < TimeSpan.FromSeconds(20))
        {
            MetricSnapshot[] snapshot;
            lock (_exported)
            {
                snapshot = [.. _exported];
            }

            commands = snapshot.Where(m => m.Name == "bourse.engine.commands").SelectMany(m => m.MetricPoints).Select(p => p.GetSumLong()).DefaultIfEmpty().Max();
            var histograms = snapshot.Where(m => m.Name is "bourse.engine.match.latency" or "bourse.engine.commit.latency")
                .GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.SelectMany(m => m.MetricPoints).Select(p => p.GetHistogramCount()).DefaultIfEmpty().Max());
            if (names.All(n => snapshot.Any(m => m.Name == n)) && commands >= 20 && histograms.Values.All(count => count >= 20))
            {
                Assert.Contains(snapshot, m => m.Name == "bourse.engine.commands" && m.MetricPoints.Any(p => Tag(p, "shard") == "otel"));
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"not exported in time; commands seen: {commands}; metrics: {string.Join(", ", _exported.Select(m => m.Name).Distinct())}");
    }

    [Fact]
    public void The_configured_exporter_is_validated_and_defaults_to_none()
    {
        var options = new EngineHostOptions();
        Assert.Equal((TelemetryExporter.None, 10_000, "bourse-engine"), (options.Telemetry.Exporter, options.Telemetry.MetricIntervalMilliseconds, options.Telemetry.ServiceName));

        options.Telemetry.Exporter = (TelemetryExporter)9;
        options.Telemetry.OtlpEndpoint = "not a url";
        var failures = EngineHostOptionsValidator.Check(options);

        Assert.Contains("EngineHost:Telemetry:Exporter must be None, Console or Otlp; 9", failures);
        Assert.Contains("EngineHost:Telemetry:OtlpEndpoint must be an absolute URL; it is 'not a url'", failures);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
