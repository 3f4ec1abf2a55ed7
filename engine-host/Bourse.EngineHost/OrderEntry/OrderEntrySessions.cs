using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Tasks.Sources;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>The session of one unary call: it waits for the first report of its one command.</summary>
internal sealed class UnarySession : IOrderSession, IDisposable
{
    private readonly OrderSessions _sessions;
    private readonly TaskCompletionSource<V1.ExecutionReport> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public UnarySession(OrderSessions sessions)
    {
        _sessions = sessions;
        Id = sessions.NextId();
        sessions.Add(this);
    }

    public long Id { get; }

    /// <summary>The first report of the command: its acceptance, rejection, cancel or replace.</summary>
    public Task<V1.ExecutionReport> FirstReport => _first.Task;

    public void Deliver(in ReportSource report)
    {
        // Only the first report answers the call: the later ones (fills of the same command) are not built.
        if (!_first.Task.IsCompleted)
        {
            _first.TrySetResult(ExecutionReports.Build(report));
        }
    }

    public void CommandDone(long correlation)
    {
    }

    public void Dispose() => _sessions.Remove(Id);
}

/// <summary>
/// The session of one bidirectional stream: reports are written into its output buffer in gRPC's wire format as they
/// come, and the stream's writer takes everything waiting at once (<see cref="TryTake"/>) and sends it in one flush.
/// </summary>
/// <remarks>
/// Why a byte buffer and not a queue of messages: a report written here by the commit thread is already its bytes on
/// the wire, so there is no message object per event and no serialization pass on the writer's thread, and the writer
/// copies one block per flush. Two buffers are swapped under the lock, so once they have grown neither side allocates.
/// The writer waits on a reusable signal (<see cref="WaitAsync"/>, no allocation per wake-up); its continuation runs on
/// the thread pool, never on the commit thread that wakes it.
/// <para>
/// While the writer waits, the commit thread sends its batch's reports itself (<see cref="ReportsDelivered"/>): it
/// writes them to the response body and flushes, instead of waking the writer to do the same on a thread-pool thread.
/// Why: at small windows a commit batch holds a few reports per stream, and the wake-up (a work item, often a
/// sleeping worker woken with a futex and a context switch) cost more than the write. The writer still sends what
/// arrives while it is busy, refusals at the door, and anything after a flush that could not complete at once (the
/// client is slow to read): that flush is handed to it (<see cref="TakeHandedFlush"/>), so the commit thread never
/// waits for a client.
/// </para>
/// </remarks>
internal sealed class StreamSession : IOrderSession, IDisposable, IValueTaskSource
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly OrderSessions _sessions;
    private readonly Lock _lock = new();
    private ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };
    private byte[] _output = new byte[InitialBufferSize];
    private int _outputLength;
    private byte[] _spare = new byte[InitialBufferSize];
    private bool _completed;
    private bool _writerWaiting;
    private long _owed;
    private int _inputDone;
    private PipeWriter? _direct;
    private ValueTask<FlushResult> _handedFlush;
    private bool _flushHanded;

    public StreamSession(OrderSessions sessions)
    {
        _sessions = sessions;
        Id = sessions.NextId();
        sessions.Add(this);
    }

    public long Id { get; }

    /// <summary>Writes the report into the output buffer; <see cref="ReportsDelivered"/> sends it.</summary>
    public void Deliver(in ReportSource report)
    {
        var max = ExecutionReports.MaxFramedSize(report.ClientOrderId, report.Trace);
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            _outputLength += ExecutionReports.WriteFramed(report, Reserve(max));
        }
    }

    /// <summary>
    /// Sends the reports of the commit thread's batch (see <see cref="OutcomeRouter"/>): itself if the writer waits and
    /// has let it (<see cref="WriteDirectlyTo"/>), else by waking the writer.
    /// </summary>
    public void ReportsDelivered()
    {
        bool wake;
        lock (_lock)
        {
            // The writer touches the response body only between a wake-up and its next wait, so while it waits (and
            // this lock is held) the body is this thread's.
            wake = _direct is null || !_writerWaiting || _completed || _outputLength == 0
                ? TakeWaiter()
                : !TryWriteDirectly(_direct);
        }

        if (wake)
        {
            _signal.SetResult(true);
        }
    }

    /// <summary>
    /// Lets <see cref="ReportsDelivered"/> write to <paramref name="body"/> while the writer waits. The writer calls it
    /// once the response has started (its first flush), so that starting the response stays on the writer's thread.
    /// </summary>
    public void WriteDirectlyTo(PipeWriter body)
    {
        lock (_lock)
        {
            _direct = body;
        }
    }

    /// <summary>Ends direct writes: the writer is leaving and the response body is no longer this session's.</summary>
    public void StopDirectWrites()
    {
        lock (_lock)
        {
            _direct = null;
        }
    }

    /// <summary>A flush the commit thread started and did not see complete: the writer awaits it before anything else.</summary>
    public bool TakeHandedFlush(out ValueTask<FlushResult> flush)
    {
        lock (_lock)
        {
            flush = _handedFlush;
            _handedFlush = default;
            var handed = _flushHanded;
            _flushHanded = false;
            return handed;
        }
    }

    /// <summary>Queues a report built as a message (a refusal at the door, the echo service).</summary>
    public void Deliver(V1.ExecutionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var max = ExecutionReports.FrameHeaderSize + report.CalculateSize();
        bool wake;
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            _outputLength += ExecutionReports.WriteFramed(report, Reserve(max));
            wake = TakeWaiter();
        }

        if (wake)
        {
            _signal.SetResult(true);
        }
    }

    /// <summary>
    /// Completes when reports are waiting, the session is complete or <see cref="Wake"/> is called; at once if
    /// reports are already waiting. Only one caller (the stream's writer), one wait at a time.
    /// </summary>
    public ValueTask WaitAsync()
    {
        lock (_lock)
        {
            if (_outputLength > 0 || _completed)
            {
                return ValueTask.CompletedTask;
            }

            _signal.Reset();
            _writerWaiting = true;
            return new ValueTask(this, _signal.Version);
        }
    }

    /// <summary>
    /// Takes every byte waiting: <paramref name="taken"/> is the writer's until its next call (empty when nothing is
    /// waiting). False once the session is complete and everything was taken.
    /// </summary>
    public bool TryTake(out ReadOnlyMemory<byte> taken)
    {
        lock (_lock)
        {
            if (_outputLength > 0)
            {
                taken = _output.AsMemory(0, _outputLength);
                (_output, _spare) = (_spare, _output);
                _outputLength = 0;
                return true;
            }

            taken = ReadOnlyMemory<byte>.Empty;
            return !_completed;
        }
    }

    /// <summary>Ends a pending <see cref="WaitAsync"/>: reports are waiting, or the writer is being cancelled.</summary>
    public void Wake()
    {
        bool wake;
        lock (_lock)
        {
            wake = TakeWaiter();
        }

        if (wake)
        {
            _signal.SetResult(true);
        }
    }

    /// <summary>A command of this session went to a shard: its reports are owed.</summary>
    public void Submitted() => Interlocked.Increment(ref _owed);

    public void CommandDone(long correlation)
    {
        if (Interlocked.Decrement(ref _owed) == 0 && Volatile.Read(ref _inputDone) == 1)
        {
            Complete();
        }
    }

    /// <summary>The client has sent its last request: complete once every command sent is answered.</summary>
    public void InputCompleted()
    {
        Volatile.Write(ref _inputDone, 1);
        if (Interlocked.Read(ref _owed) == 0)
        {
            Complete();
        }
    }

    /// <summary>No more reports will be written; those waiting are still taken.</summary>
    public void Complete()
    {
        bool wake;
        lock (_lock)
        {
            _completed = true;
            wake = TakeWaiter();
        }

        if (wake)
        {
            _signal.SetResult(true);
        }
    }

    public void Dispose()
    {
        _sessions.Remove(Id);
        Complete();
    }

    /// <summary>Whether the writer waits and must be signalled (once: the signal is set outside the lock). Under the lock.</summary>
    private bool TakeWaiter()
    {
        var waiting = _writerWaiting;
        _writerWaiting = false;
        return waiting;
    }

    /// <summary>
    /// Writes everything waiting to <paramref name="body"/> and flushes. True when the flush completed at once and well;
    /// otherwise the flush (or the failure) is handed to the writer, which must then be woken. Under the lock, with the
    /// writer waiting.
    /// </summary>
    private bool TryWriteDirectly(PipeWriter body)
    {
        ValueTask<FlushResult> flush;
        try
        {
            body.Write(_output.AsSpan(0, _outputLength));
            _outputLength = 0;
            flush = body.FlushAsync();
            if (flush.IsCompletedSuccessfully)
            {
                var result = flush.Result;
                if (!result.IsCanceled && !result.IsCompleted)
                {
                    return true;
                }

                flush = ValueTask.FromResult(result);
            }
        }
        catch (Exception e)
        {
            // The commit thread serves every session of its shard: a broken response fails its own call (through the
            // writer), never the commit thread.
            _outputLength = 0;
            flush = ValueTask.FromException<FlushResult>(e);
        }

        _handedFlush = flush;
        _flushHanded = true;
        _writerWaiting = false;
        return false;
    }

    /// <summary>Room for <paramref name="size"/> more bytes at the end of the output buffer. Under the lock.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_output.Length - _outputLength < size)
        {
            Array.Resize(ref _output, Math.Max(_output.Length * 2, _outputLength + size));
        }

        return _output.AsSpan(_outputLength, size);
    }

    void IValueTaskSource.GetResult(short token) => _signal.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _signal.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);
}
