using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.OrderEntry;
using Bourse.EngineHost.Tests.Publishing;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.Hosting;

/// <summary>
/// kill -9 under load: the engine host runs as a child process (<c>bourse-engine serve</c>), clients submit orders,
/// the process is killed without warning, restarted, and the journal, the books and the client retries are checked.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Instrument = 600_519;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-crash-");
    private readonly int _port = FreePort();

    private string JournalDirectory => Path.Combine(_directory.FullName, "journal", Instrument.ToString(CultureInfo.InvariantCulture), "journal");

    [Fact]
    public async Task After_kill_9_no_acknowledged_order_is_lost_none_is_accepted_twice_and_the_book_equals_a_clean_replay()
    {
        await using var hubs = await LocalHubs.StartAsync();
        var config = WriteConfig(hubs.ConnectionString);
        var acknowledged = new ConcurrentDictionary<string, V1.OrderAck>();
        var sent = new ConcurrentDictionary<string, V1.NewOrderRequest>();

        using (var host = HostProcess.Start(config))
        {
            await host.WaitUntilServingAsync();
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_port}");
            var client = new V1.OrderEntry.OrderEntryClient(channel);
            using var load = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
            {
                for (var i = 0; !load.IsCancellationRequested; i++)
                {
                    var request = Order($"k{c}-{i}", account: 10 + c, buy: i % 2 == 0, price: 10_000 + (i % 7) - 3);
                    sent[request.ClientOrderId] = request;
                    try
                    {
                        acknowledged[request.ClientOrderId] = await client.NewOrderAsync(request, deadline: null, cancellationToken: CancellationToken.None);
                    }
                    catch (RpcException)
                    {
                        return; // the host died under this call: its outcome is unknown to the client, which will retry
                    }
                }
            })).ToArray();

            // Let the load run, then kill without warning while requests are in flight.
            var deadline = Stopwatch.StartNew();
            while (acknowledged.Count < 1_500 && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(20);
            }

            host.Kill();
            await load.CancelAsync();
            await Task.WhenAll(clients);
        }

        Assert.True(acknowledged.Count >= 1_500, $"only {acknowledged.Count} orders were acknowledged before the kill");
        var journalBefore = ReadJournal();

        // The host writes zeros ahead of its records (EngineHost:Journal:PreallocationBytes): the killed process left
        // a file longer than its records, and the records were read up to where the zeros start.
        var segment = Assert.Single(JournalFiles.List(JournalDirectory));
        Assert.True(new FileInfo(segment.Path).Length > journalBefore.Count * 64L, "the journal has no zeros ahead of its records");

        // Every acknowledged order is in the journal, at the sequence and with the id it was acknowledged with.
        foreach (var ack in acknowledged.Values)
        {
            Assert.True(journalBefore.TryGetValue(ack.CommandSequence, out var command), $"acknowledged command {ack.CommandSequence} is not in the journal");
            Assert.Equal(ack.OrderId, command.OrderId);
        }

        using (var host = HostProcess.Start(config))
        {
            await host.WaitUntilServingAsync();
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_port}");
            var client = new V1.OrderEntry.OrderEntryClient(channel);

            // Every client retries everything it sent, answered or not.
            foreach (var request in sent.Values)
            {
                var retry = await client.NewOrderAsync(request);
                if (acknowledged.TryGetValue(request.ClientOrderId, out var first))
                {
                    Assert.True(retry.Duplicate, $"{request.ClientOrderId} was acknowledged before the crash but accepted again");
                    Assert.Equal(first.OrderId, retry.OrderId);
                }
            }

            host.StopGracefully();
        }

        // No client order is in the journal twice.
        var journalAfter = ReadJournal();
        var keys = journalAfter.Values.Where(c => c.Type == CommandType.NewOrder).Select(c => c.ClientOrderKey).ToArray();
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(sent.Count, keys.Length);
        Assert.All(sent.Keys, id => Assert.Contains(ClientOrderKey.Compute(sent[id].AccountId, id), keys));

        // The book the host snapshotted at its graceful stop equals a clean replay of the whole journal.
        var snapshot = new SnapshotStore(Path.Combine(_directory.FullName, "journal", Instrument.ToString(CultureInfo.InvariantCulture), "snapshots")).LoadNewest().Snapshot;
        Assert.NotNull(snapshot);
        var replay = BookRecovery.Recover(null, JournalDirectory, events => new OrderBook(Spec, events));
        Assert.Equal(snapshot.LastCommandSequence, replay.LastCommandSequence);
        Assert.Equal(replay.Book.ComputeStateHash(), snapshot.StateHash);

        // Every acknowledged order's events reached Event Hubs at least once (the restart republished what the kill cut off).
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var published = (await hubs.ReadAllAsync(LocalHubs.Executions, read.Token)).Select(m => m.CommandSequence).ToHashSet();
        Assert.All(acknowledged.Values, ack => Assert.Contains(ack.CommandSequence, published));
    }

    private static readonly InstrumentSpec Spec = new(Instrument, TickSize: 1, LotSize: 100, ReferencePrice: 10_000, BandBasisPoints: 1_000);

    private static V1.NewOrderRequest Order(string id, long account, bool buy, long price) => new()
    {
        ClientOrderId = id,
        AccountId = account,
        InstrumentId = Instrument,
        Side = buy ? V1.Side.Buy : V1.Side.Sell,
        OrderType = V1.OrderType.Limit,
        TimeInForce = V1.TimeInForce.Gtc,
        PriceTicks = price,
        Quantity = 100,
    };

    private Dictionary<long, OrderCommand> ReadJournal()
    {
        var records = new Dictionary<long, OrderCommand>();
        using var reader = CommandJournalReader.OpenDirectory(JournalDirectory);
        while (reader.TryRead(out var sequence, out var command))
        {
            records.Add(sequence, command);
        }

        return records;
    }

    private string WriteConfig(string eventHubs)
    {
        var path = Path.Combine(_directory.FullName, "appsettings.json");
        var journal = Path.Combine(_directory.FullName, "journal").Replace("\\", "\\\\", StringComparison.Ordinal);
        File.WriteAllText(path, $$"""
            {
              "EngineHost": {
                "Instruments": [ { "Id": {{Instrument}}, "Symbol": "600519.SH", "TickSize": 1, "LotSize": 100, "ReferencePrice": 10000, "BandBasisPoints": 1000 } ],
                "Shards": [ { "Name": "s0", "Instruments": [ {{Instrument}} ], "Cpu": 0 } ],
                "JournalDirectory": "{{journal}}",
                "OrderEntry": { "Url": "http://127.0.0.1:{{_port}}" },
                "EventHubs": { "ConnectionString": "{{eventHubs}}" },
                "WarmUp": { "Orders": 5000 }
              }
            }
            """);
        return path;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private sealed class HostProcess : IDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<string> _output = new();

        private HostProcess(Process process)
        {
            _process = process;
        }

        public static HostProcess Start(string config)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bourse-engine.dll"));
            start.ArgumentList.Add("serve");
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(config);
            var host = new HostProcess(Process.Start(start)!);
            host._process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                host._output.Enqueue(e.Data);
                if (e.Data.StartsWith("bourse-engine serving", StringComparison.Ordinal))
                {
                    host._serving.TrySetResult();
                }
            };
            host._process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    host._output.Enqueue(e.Data);
                }
            };
            host._process.BeginOutputReadLine();
            host._process.BeginErrorReadLine();
            return host;
        }

        public async Task WaitUntilServingAsync()
        {
            var exited = _process.WaitForExitAsync();
            var first = await Task.WhenAny(_serving.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(first == _serving.Task, "the host did not start serving:\n" + string.Join('\n', _output));

            // The configured warm-up ran first, through a throwaway host: the journal checks below find none of its orders.
            Assert.Contains(_output, line => line.StartsWith("bourse-engine warmed up: 5,000 orders through a throwaway host", StringComparison.Ordinal));
        }

        public void Kill()
        {
            // SIGKILL: no handler runs, nothing is flushed by the process itself.
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void StopGracefully()
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
            Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(30)), "the host did not stop on SIGTERM");
            _process.WaitForExit(); // the overload without a timeout also waits for the redirected output to drain
            Assert.True(_process.ExitCode == 0, "the host's graceful stop failed:\n" + string.Join('\n', _output));
            Assert.Contains("bourse-engine stopped", _output);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
