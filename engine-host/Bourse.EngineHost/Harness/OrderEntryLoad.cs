using System.Diagnostics;
using System.Globalization;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Contracts;
using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
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

    /// <summary>The Trade method's path: /package.Service/Method.</summary>
    private static readonly string TradePath = "/" + V1.OrderEntry.Descriptor.FullName + "/Trade";

    private const int FrameHeaderSize = 5;

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

        // One HTTP/2 connection per client, the streams dealt round-robin over them. A connection carries every request
        // and report of its streams through one frame loop on each side, one thread at a time.
        // The load client speaks gRPC's wire format itself over HttpClient (HTTP/2, application/grpc, length-prefixed
        // messages, grpc-status in the trailers) so that it can send a burst of requests as one write: see RunStreamAsync.
        var clients = Enumerable.Range(0, connections)
            .Select(_ => new HttpMessageInvoker(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }))
            .ToArray();
        try
        {
            // Built before the clock starts: the run measures the host, not the client's message building.
            var requests = perStream.Select(list => list.Select((command, i) => ToRequest(command, i, instrumentId, clientIdPrefix)).ToArray()).ToArray();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var gcBefore = GC.CollectionCount(0);
            var pauseBefore = GC.GetTotalPauseDuration();
            var started = Stopwatch.GetTimestamp();
            var results = await Task.WhenAll(requests.Select((list, i) => RunStreamAsync(clients[i % clients.Length], target, list, window, answerTimeout ?? DefaultAnswerTimeout, cancellationToken))).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
            return Summarize(results, commands.Length, streams, seconds) with
            {
                ClientCpuUsPerRequest = cpu.TotalMicroseconds / commands.Length,
                // Gen0's count includes the gen1 and gen2 collections: every collection collects gen0.
                ClientGcCount = GC.CollectionCount(0) - gcBefore,
                ClientGcPauseMs = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds,
            };
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
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

    private static async Task<(LongHistogram Histogram, long Rejected)> RunStreamAsync(HttpMessageInvoker http, Uri target, V1.OrderEntryRequest[] requests, int window, TimeSpan answerTimeout, CancellationToken cancellationToken)
    {
        var histogram = new LongHistogram(HighestTrackable, 3);
        var sentAt = new long[requests.Length];
        var slots = new Window(window);
        // Ends the call: the reader's end (which must stop the writer, or it would wait for a slot that never comes
        // back), the watchdog, or the caller.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var body = new RequestBody();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, TradePath))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = body,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        // HTTP/2 is duplex: the response (its headers come with the first report) and the request body go on together.
        var responding = http.SendAsync(request, failed.Token);
        long rejected = 0;
        var answered = 0;
        var sent = 0;
        var timedOut = false;
        var reader = Task.Run(async () =>
        {
            try
            {
                using var response = await responding.ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"The Trade call was answered HTTP {(int)response.StatusCode}.");
                }

                var stream = await response.Content.ReadAsStreamAsync(failed.Token).ConfigureAwait(false);
                var frames = new FrameReader();
                var seen = new bool[requests.Length];
                int read;
                while ((read = await stream.ReadAsync(frames.FreeSpace(), failed.Token).ConfigureAwait(false)) > 0)
                {
                    frames.Filled(read);
                    while (frames.TryTake(out var report))
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

                frames.ThrowIfIncomplete();
                ThrowIfCallFailed(response);
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
                var requestStream = await body.Stream.WaitAsync(failed.Token).ConfigureAwait(false);
                var burst = new ArrayBufferWriter<byte>(16 * 1024);
                var i = 0;
                while (i < requests.Length)
                {
                    await slots.TakeAsync().ConfigureAwait(false);

                    // A burst: every request that has a free slot now, framed into one buffer and sent as one write and
                    // one flush (one DATA frame, one socket write), as the host writes its reports. Through
                    // Grpc.Net.Client each message was its own write through the HTTP/2 connection's write queue, with
                    // a handful of async state machines allocated per message: most of the client's CPU.
                    burst.ResetWrittenCount();
                    var first = i;
                    do
                    {
                        WriteFrame(burst, requests[i++]);
                    }
                    while (i < requests.Length && slots.TryTake());

                    sentAt.AsSpan(first, i - first).Fill(Stopwatch.GetTimestamp());
                    Volatile.Write(ref sent, i);
                    await requestStream.WriteAsync(burst.WrittenMemory, failed.Token).ConfigureAwait(false);
                    await requestStream.FlushAsync(failed.Token).ConfigureAwait(false);
                }

                // The end of the request body (END_STREAM): the host completes the call once every request is answered.
                body.Complete();
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException &&
                !cancellationToken.IsCancellationRequested && !Volatile.Read(ref timedOut))
            {
                // The call ended under the writer. Whoever ended it (the reader failing, or the server closing the call)
                // is known once the reader is done: its exception, or the count of unanswered requests below, says why.
                // The reader may still be finishing when the write fails, so wait for it rather than look at it now.
                body.Complete();
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
            body.Complete();
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

    /// <summary>One gRPC message on the wire: not compressed (0), its length (4 bytes, big-endian), the message.</summary>
    private static void WriteFrame(ArrayBufferWriter<byte> output, V1.OrderEntryRequest request)
    {
        var size = request.CalculateSize();
        var frame = output.GetSpan(FrameHeaderSize + size);
        frame[0] = 0;
        BinaryPrimitives.WriteInt32BigEndian(frame[1..], size);
        request.WriteTo(frame.Slice(FrameHeaderSize, size));
        output.Advance(FrameHeaderSize + size);
    }

    /// <summary>The call's gRPC status, from the trailers (or the headers of a trailers-only answer): anything but OK fails the stream.</summary>
    private static void ThrowIfCallFailed(HttpResponseMessage response)
    {
        if (!response.TrailingHeaders.TryGetValues("grpc-status", out var values) && !response.Headers.TryGetValues("grpc-status", out values))
        {
            throw new InvalidOperationException("The Trade call ended without a grpc-status.");
        }

        var status = values.FirstOrDefault();
        if (status != "0")
        {
            var message = response.TrailingHeaders.TryGetValues("grpc-message", out var text) || response.Headers.TryGetValues("grpc-message", out text)
                ? Uri.UnescapeDataString(text.FirstOrDefault() ?? string.Empty)
                : string.Empty;
            throw new InvalidOperationException($"The Trade call ended with grpc-status {status}: {message}");
        }
    }

    /// <summary>
    /// The request body of a Trade call: HttpClient asks it for its content once and gets the request stream, which the
    /// stream's writer then writes bursts to; the body ends (END_STREAM) when <see cref="Complete"/> is called.
    /// </summary>
    private sealed class RequestBody : HttpContent
    {
        private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RequestBody() => Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        public Task<Stream> Stream => _stream.Task;

        public void Complete() => _done.TrySetResult();

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _stream.TrySetResult(stream);
            await _done.Task.ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    /// <summary>Splits the response body into gRPC messages: a growable buffer that the reader fills and takes whole messages from.</summary>
    private sealed class FrameReader
    {
        private byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        /// <summary>Where the next read goes: after what is buffered, with at least a fifth of the buffer free.</summary>
        public Memory<byte> FreeSpace()
        {
            if (_start == _end)
            {
                _start = _end = 0;
            }
            else if (_buffer.Length - _end < _buffer.Length / 5)
            {
                var pending = _end - _start;
                if (pending > _buffer.Length / 2)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
                _start = 0;
                _end = pending;
            }

            return _buffer.AsMemory(_end);
        }

        public void Filled(int count) => _end += count;

        public bool TryTake(out ReportSummary report)
        {
            var available = _end - _start;
            if (available < FrameHeaderSize)
            {
                report = default;
                return false;
            }

            if (_buffer[_start] != 0)
            {
                throw new InvalidOperationException("The host sent a compressed message; the load client asks for none.");
            }

            var size = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + 1));
            if (available < FrameHeaderSize + size)
            {
                if (FrameHeaderSize + size > _buffer.Length)
                {
                    Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, FrameHeaderSize + size));
                }

                report = default;
                return false;
            }

            report = ReportSummary.Read(_buffer.AsSpan(_start + FrameHeaderSize, size));
            _start += FrameHeaderSize + size;
            return true;
        }

        public void ThrowIfIncomplete()
        {
            if (_end != _start)
            {
                throw new InvalidOperationException($"The response ended inside a message ({_end - _start} bytes left over).");
            }
        }
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

        /// <summary>Takes a slot if one is free now, without waiting.</summary>
        public bool TryTake()
        {
            lock (_lock)
            {
                if (_failed || _free == 0)
                {
                    return false;
                }

                _free--;
                return true;
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

    /// <summary>
    /// What the load client reads of a report: its correlation id and which event it is. Read from the wire directly
    /// (protobuf's varint and length-delimited fields, everything else skipped) instead of parsing the whole message.
    /// </summary>
    /// <remarks>
    /// Why: the client shares the two cores with the host, and parsing every report into a message (the report, its
    /// event message, its client order id and trace context strings) was its largest cost after HTTP/2.
    /// </remarks>
    private readonly record struct ReportSummary(long CorrelationId, V1.ExecutionReport.EventOneofCase EventCase)
    {
        private const int CorrelationIdField = V1.ExecutionReport.CorrelationIdFieldNumber;

        public static ReportSummary Read(ReadOnlySpan<byte> message)
        {
            long correlation = 0;
            var eventCase = V1.ExecutionReport.EventOneofCase.None;
            var position = 0;
            while (position < message.Length)
            {
                var tag = ReadVarint(message, ref position);
                var field = (int)(tag >> 3);
                switch ((int)(tag & 7))
                {
                    case 0:
                        var value = ReadVarint(message, ref position);
                        if (field == CorrelationIdField)
                        {
                            correlation = (long)value;
                        }

                        break;
                    case 1:
                        position += 8;
                        break;
                    case 2:
                        var length = ReadVarint(message, ref position);
                        if (length > (ulong)(message.Length - position))
                        {
                            throw new InvalidOperationException("A report's field runs past its message.");
                        }

                        position += (int)length;
                        if (field is >= V1.ExecutionReport.AcceptedFieldNumber and <= V1.ExecutionReport.ReplacedFieldNumber)
                        {
                            eventCase = (V1.ExecutionReport.EventOneofCase)field;
                        }

                        break;
                    case 5:
                        position += 4;
                        break;
                    default:
                        throw new InvalidOperationException($"A report holds a field of wire type {tag & 7}.");
                }
            }

            if (position != message.Length)
            {
                throw new InvalidOperationException("A report's last field runs past its message.");
            }

            return new ReportSummary(correlation, eventCase);
        }

        private static ulong ReadVarint(ReadOnlySpan<byte> message, ref int position)
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (position >= message.Length)
                {
                    throw new InvalidOperationException("A report ends inside a varint.");
                }

                var b = message[position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidOperationException("A report holds a varint longer than ten bytes.");
        }
    }

    /// <summary>The report that answers a request: its acceptance or rejection, or for a cancel or replace, that.</summary>
    private static bool IsFirstReport(ReportSummary report) => report.EventCase is
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
