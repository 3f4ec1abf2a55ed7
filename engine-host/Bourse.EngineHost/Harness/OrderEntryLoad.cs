using System.Diagnostics;
using System.Globalization;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Contracts;
using Grpc.Core;
using Grpc.Net.Client;
using HdrHistogram;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Harness;

/// <summary>
/// The <c>load</c> workload: a bounded order-entry client. It splits a command stream over N bidirectional gRPC
/// streams (by order id, so each order's cancels and replaces follow it on the same stream), keeps at most a window of
/// requests in flight per stream, and measures each request's round trip from send to its first report.
/// </summary>
/// <remarks>
/// Hardware: loopback only; on a 2-core machine the client shares the cores with the host, so the numbers are a floor.
/// Every request is answered or the run fails; the run ends when the stream is exhausted.
/// </remarks>
internal static class OrderEntryLoad
{
    /// <summary>How long a stream may go without any answer while requests are outstanding before the run fails.</summary>
    public static readonly TimeSpan DefaultAnswerTimeout = TimeSpan.FromSeconds(30);

    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    /// <summary>Round trips are recorded in <see cref="Stopwatch"/> ticks; a longer one is clamped, never refused.</summary>
    private static readonly long HighestTrackable = 60 * Stopwatch.Frequency;

    public static async Task<LoadResult> RunAsync(
        Uri target, OrderCommand[] commands, int instrumentId, int streams, int window, CancellationToken cancellationToken, TimeSpan? answerTimeout = null, string clientIdPrefix = "",
        int connections = 1)
    {
        ArgumentNullException.ThrowIfNull(clientIdPrefix);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(streams);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(connections);

        var perStream = new List<OrderCommand>[streams];
        for (var i = 0; i < streams; i++)
        {
            perStream[i] = [];
        }

        // Cancels and replaces of the v1 format name no account; order entry checks ownership, so give them their order's.
        var accounts = new Dictionary<long, long>();
        foreach (var original in commands)
        {
            var command = original;
            if (command.Type is CommandType.NewOrder or CommandType.Market)
            {
                accounts[command.OrderId] = command.AccountId;
            }
            else if (accounts.TryGetValue(command.OrderId, out var account))
            {
                command.AccountId = account;
            }

            perStream[(int)((ulong)command.OrderId % (ulong)streams)].Add(command);
        }

        // One channel per connection, the streams dealt round-robin over them. A channel's streams share one HTTP/2
        // connection (and SocketsHttpHandler opens another only past the server's stream limit, 100 in Kestrel), so
        // with one channel every request and report of every stream goes through one connection's frame loop on each
        // side, one thread at a time.
        var channels = Enumerable.Range(0, connections)
            .Select(_ => GrpcChannel.ForAddress(target, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } }))
            .ToArray();
        try
        {
            var clients = channels.Select(channel => new V1.OrderEntry.OrderEntryClient(channel)).ToArray();
            // Built before the clock starts: the run measures the host, not the client's message building.
            var requests = perStream.Select(list => list.Select((command, i) => ToRequest(command, i, instrumentId, clientIdPrefix)).ToArray()).ToArray();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var started = Stopwatch.GetTimestamp();
            var results = await Task.WhenAll(requests.Select((list, i) => RunStreamAsync(clients[i % clients.Length], list, window, answerTimeout ?? DefaultAnswerTimeout, cancellationToken))).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
            return Summarize(results, commands.Length, streams, seconds) with { ClientCpuUsPerRequest = cpu.TotalMicroseconds / commands.Length };
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private static LoadResult Summarize((LongHistogram Histogram, long Rejected)[] results, int requests, int streams, double seconds)
    {
        var histogram = new LongHistogram(HighestTrackable, 3);
        long rejected = 0;
        foreach (var result in results)
        {
            histogram.Add(result.Histogram);
            rejected += result.Rejected;
        }

        double Us(double percentile) => histogram.GetValueAtPercentile(percentile) * 1e6 / Stopwatch.Frequency;
        return new LoadResult(requests, rejected, streams, seconds, requests / seconds, Us(50), Us(90), Us(99), Us(99.9), histogram.GetMaxValue() * 1e6 / Stopwatch.Frequency);
    }

    private static async Task<(LongHistogram Histogram, long Rejected)> RunStreamAsync(V1.OrderEntry.OrderEntryClient client, V1.OrderEntryRequest[] requests, int window, TimeSpan answerTimeout, CancellationToken cancellationToken)
    {
        var histogram = new LongHistogram(HighestTrackable, 3);
        var sentAt = new long[requests.Length];
        var slots = new Window(window);
        // Ends the call: the reader's end (which must stop the writer, or it would wait for a slot that never comes
        // back), the watchdog, or the caller. Given to the call once, not to each read and write: a token passed to a
        // read or write is registered and unregistered on every message, which cost the client a measurable share.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = client.Trade(cancellationToken: failed.Token);
        long rejected = 0;
        var answered = 0;
        var sent = 0;
        var timedOut = false;
        var reader = Task.Run(async () =>
        {
            try
            {
                var seen = new bool[requests.Length];
                await foreach (var report in call.ResponseStream.ReadAllAsync().ConfigureAwait(false))
                {
                    var index = (int)report.CorrelationId;
                    if (report.CorrelationId < 0 || index >= seen.Length || seen[index] || !IsFirstReport(report))
                    {
                        continue;
                    }

                    seen[index] = true;
                    histogram.RecordValue(Math.Min(Stopwatch.GetTimestamp() - sentAt[index], HighestTrackable));
                    rejected += report.EventCase == V1.ExecutionReport.EventOneofCase.Rejected ? 1 : 0;
                    Volatile.Write(ref answered, answered + 1);
                    slots.Release();
                }
            }
            finally
            {
                // The reader is done (failed, or the server ended the call): no more slots will come back.
                slots.Fail();
                await failed.CancelAsync().ConfigureAwait(false);
            }
        }, CancellationToken.None);

        // The watchdog: requests outstanding and no answer for answerTimeout fails the run (one timer per stream
        // instead of a timed wait per request).
        var watchdog = Task.Run(async () =>
        {
            var lastAnswered = -1;
            var quietSince = Stopwatch.GetTimestamp();
            var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, Math.Min(answerTimeout.Ticks / 4, TimeSpan.TicksPerSecond)));
            while (!failed.IsCancellationRequested)
            {
                await Task.Delay(period, failed.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                var now = Volatile.Read(ref answered);
                if (now != lastAnswered || now == Volatile.Read(ref sent))
                {
                    lastAnswered = now;
                    quietSince = Stopwatch.GetTimestamp();
                }
                else if (Stopwatch.GetElapsedTime(quietSince) >= answerTimeout)
                {
                    Volatile.Write(ref timedOut, true);
                    slots.Fail();
                    await failed.CancelAsync().ConfigureAwait(false);
                }
            }
        }, CancellationToken.None);

        try
        {
            try
            {
                for (var i = 0; i < requests.Length; i++)
                {
                    await slots.TakeAsync().ConfigureAwait(false);

                    // A burst goes out in one flush, as the host writes its reports: buffer while the next request can
                    // be sent at once (a slot is free, and only the writer takes slots), flush with the last of the burst.
                    call.RequestStream.WriteOptions = slots.Free > 0 && i + 1 < requests.Length ? Buffered : null;
                    sentAt[i] = Stopwatch.GetTimestamp();
                    Volatile.Write(ref sent, i + 1);
                    await call.RequestStream.WriteAsync(requests[i], CancellationToken.None).ConfigureAwait(false);
                }

                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException && !cancellationToken.IsCancellationRequested && !Volatile.Read(ref timedOut))
            {
                // The call ended under the writer. Whoever ended it (the reader failing, or the server closing the call)
                // is known once the reader is done: its exception, or the count of unanswered requests below, says why.
                // The reader may still be finishing when the write fails, so wait for it rather than look at it now.
                await reader.WaitAsync(answerTimeout, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!reader.IsCompleted)
                {
                    throw;
                }
            }

            await reader.WaitAsync(answerTimeout + answerTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (Volatile.Read(ref timedOut))
        {
            throw new TimeoutException($"No answer for {answerTimeout.TotalSeconds:0.#} s with {window} requests in flight on a stream ({Volatile.Read(ref sent)} sent).");
        }
        finally
        {
            await failed.CancelAsync().ConfigureAwait(false);
            await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await watchdog.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (answered != requests.Length)
        {
            throw new InvalidOperationException($"{requests.Length - answered} of {requests.Length} requests on a stream got no answer.");
        }

        return (histogram, rejected);
    }

    /// <summary>
    /// The requests a stream may have in flight: the writer takes a slot per request, the reader gives one back per
    /// answer. Instead of a <see cref="SemaphoreSlim"/> with a timed, cancellable wait per request (a timer and a token
    /// registration each time the window is full, which under load is almost every time).
    /// </summary>
    private sealed class Window(int size)
    {
        private readonly Lock _lock = new();
        private int _free = size;
        private bool _failed;
        private TaskCompletionSource? _waiter;

        public int Free => Volatile.Read(ref _free);

        /// <summary>Takes a slot, waiting for one if none is free. Only one caller (the writer).</summary>
        public Task TakeAsync()
        {
            lock (_lock)
            {
                if (_failed)
                {
                    return Task.FromCanceled(new CancellationToken(true));
                }

                if (_free > 0)
                {
                    _free--;
                    return Task.CompletedTask;
                }

                _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return TakeWhenReleasedAsync(_waiter.Task);
            }
        }

        public void Release()
        {
            TaskCompletionSource? waiter;
            lock (_lock)
            {
                _free++;
                waiter = _waiter;
                _waiter = null;
            }

            waiter?.TrySetResult();
        }

        /// <summary>No more slots will come back: a waiting or later take is cancelled.</summary>
        public void Fail()
        {
            TaskCompletionSource? waiter;
            lock (_lock)
            {
                _failed = true;
                waiter = _waiter;
                _waiter = null;
            }

            waiter?.TrySetCanceled();
        }

        private async Task TakeWhenReleasedAsync(Task released)
        {
            await released.ConfigureAwait(false);
            await TakeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The report that answers a request: its acceptance or rejection, or for a cancel or replace, that.</summary>
    private static bool IsFirstReport(V1.ExecutionReport report) => report.EventCase is
        V1.ExecutionReport.EventOneofCase.Accepted or V1.ExecutionReport.EventOneofCase.Rejected or
        V1.ExecutionReport.EventOneofCase.Replaced or V1.ExecutionReport.EventOneofCase.Cancelled;

    private static V1.OrderEntryRequest ToRequest(in OrderCommand command, long correlation, int instrumentId, string prefix)
    {
        var clientOrderId = prefix + command.OrderId.ToString(CultureInfo.InvariantCulture);
        var account = command.AccountId;
        return command.Type switch
        {
            CommandType.NewOrder or CommandType.Market => new V1.OrderEntryRequest
            {
                CorrelationId = correlation,
                NewOrder = new V1.NewOrderRequest
                {
                    ClientOrderId = clientOrderId,
                    AccountId = account,
                    InstrumentId = instrumentId,
                    Side = ContractMapping.ToContract(command.Side),
                    OrderType = ContractMapping.ToOrderType(command.Type),
                    TimeInForce = command.Type == CommandType.Market ? V1.TimeInForce.Unspecified : ContractMapping.ToContract(command.TimeInForce),
                    PriceTicks = command.Price,
                    Quantity = command.Quantity,
                },
            },
            CommandType.Cancel => new V1.OrderEntryRequest
            {
                CorrelationId = correlation,
                Cancel = new V1.CancelRequest { ClientRequestId = prefix + "c" + correlation.ToString(CultureInfo.InvariantCulture), AccountId = account, InstrumentId = instrumentId, ClientOrderId = clientOrderId },
            },
            _ => new V1.OrderEntryRequest
            {
                CorrelationId = correlation,
                Replace = new V1.ReplaceRequest { ClientRequestId = prefix + "r" + correlation.ToString(CultureInfo.InvariantCulture), AccountId = account, InstrumentId = instrumentId, ClientOrderId = clientOrderId, PriceTicks = command.Price, Quantity = command.Quantity },
            },
        };
    }
}
