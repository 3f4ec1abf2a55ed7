using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Bourse.EngineHost.Configuration;
using Bourse.EngineHost.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bourse.EngineHost.Tests.Topology;

public sealed class ShardThreadStarterTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RecordingLogger<ShardThreadStarter> _logger = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = new();

    public ShardThreadStarterTests()
    {
        // Only this test's meter factory: other tests pin threads in parallel.
        IMeterFactory factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _listener.Start();
    }

    [Fact]
    public async Task Each_shard_thread_pins_itself_to_its_configured_cpu_before_its_work()
    {
        var affinity = new FakeCpuAffinity();
        ShardThreadStarter starter = Starter(affinity);
        var ranOn = new ConcurrentDictionary<string, IReadOnlyList<int>>();
        var background = new ConcurrentBag<bool>();

        PinnedThread[] threads =
        [
            .. new[] { Shard("s0", 2), Shard("s1", 3) }.Select(shard =>
                starter.StartShard(shard, () =>
                {
                    ranOn[Thread.CurrentThread.Name!] = affinity.GetCurrentThreadAffinity();
                    background.Add(Thread.CurrentThread.IsBackground);
                })),
        ];
        PinningResult[] results = await Task.WhenAll(threads.Select(t => t.Pinning));
        Assert.All(threads, t => Assert.True(t.Join(Timeout)));

        Assert.Equal(["M:s0", "M:s1"], threads.Select(t => t.Name));
        Assert.Equal([("M:s0", 2), ("M:s1", 3)], affinity.Pins.OrderBy(p => p.Thread));
        Assert.Equal([2], ranOn["M:s0"]);
        Assert.Equal([3], ranOn["M:s1"]);
        Assert.All(results, r => Assert.True(r.Pinned));
        Assert.Equal([2, 3], results.Select(r => Assert.Single(r.Affinity)));
        Assert.Equal([false, false], background);
        Assert.Empty(_measurements);
        Assert.Equal(
            ["Thread M:s0 pinned to CPU 2", "Thread M:s1 pinned to CPU 3"],
            _logger.Entries.Where(e => e.Level == LogLevel.Information).Select(e => e.Message).Order());
    }

    [Fact]
    public async Task A_failed_pin_is_logged_counted_and_the_thread_runs_unpinned()
    {
        var affinity = new FakeCpuAffinity(refusedCpus: 7) { AllCpus = [0, 1, 2, 3] };
        bool ran = false;

        PinnedThread thread = Starter(affinity).Start("match-x", 7, () => ran = true);
        PinningResult result = await thread.Pinning;
        Assert.True(thread.Join(Timeout));

        Assert.True(ran);
        Assert.Equal(new PinningResult("match-x", 7, false, "fake: CPU 7 refused", result.Affinity), result);
        Assert.Equal([0, 1, 2, 3], result.Affinity);
        var warning = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("Thread match-x could not be pinned to CPU 7 and runs unpinned (CPUs 0-3): fake: CPU 7 refused", warning.Message);
        var measurement = Assert.Single(_measurements);
        Assert.Equal(PinningMetrics.FailuresName, measurement.Instrument);
        Assert.Equal(1, measurement.Value);
        Assert.Equal("match-x", measurement.Tags["thread"]);
        Assert.Equal(7, measurement.Tags["cpu"]);
    }

    [Fact]
    public async Task Where_pinning_is_unavailable_every_thread_says_why_and_is_counted()
    {
        ShardThreadStarter starter = Starter(new UnavailableCpuAffinity("CPU pinning needs Linux"));

        PinnedThread[] threads = [starter.Start("a", 0, () => { }), starter.Start("b", 1, () => { })];
        await Task.WhenAll(threads.Select(t => t.Pinning));
        Assert.All(threads, t => Assert.True(t.Join(Timeout)));

        Assert.Equal(2, _measurements.Sum(m => m.Value));
        Assert.All(_logger.Entries, e => Assert.EndsWith("runs unpinned (CPUs unknown): CPU pinning needs Linux", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_calling_thread_pins_itself_under_its_name()
    {
        var affinity = new FakeCpuAffinity(refusedCpus: 5);
        ShardThreadStarter starter = Starter(affinity);
        PinningResult[] results = new PinningResult[2];
        var thread = new Thread(() =>
        {
            results[0] = starter.PinCurrentThread(5);
            results[1] = starter.PinCurrentThread(1);
        })
        {
            Name = "M:own",
        };

        thread.Start();
        Assert.True(thread.Join(Timeout));

        Assert.Equal([("M:own", 5), ("M:own", 1)], affinity.Pins);
        Assert.Equal([false, true], results.Select(r => r.Pinned));
        Assert.Equal([1], results[1].Affinity);
        Assert.Equal(1, Assert.Single(_measurements).Value);
        Assert.Equal(
            ["Thread M:own could not be pinned to CPU 5 and runs unpinned (CPUs 0-3): fake: CPU 5 refused", "Thread M:own pinned to CPU 1"],
            _logger.Entries.Select(e => e.Message));
    }

    [Fact]
    public void A_negative_cpu_is_refused_before_a_thread_starts()
    {
        var affinity = new FakeCpuAffinity();

        Assert.Throws<ArgumentOutOfRangeException>(() => Starter(affinity).Start("x", -1, () => { }));
        Assert.Empty(affinity.Pins);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private ShardThreadStarter Starter(ICpuAffinity affinity) =>
        new(affinity, new PinningMetrics(_services.GetRequiredService<IMeterFactory>()), _logger);

    private static ShardConfig Shard(string name, int cpu) => new() { Name = name, Cpu = cpu };
}
