using System.Threading.Channels;
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

    public void Deliver(V1.ExecutionReport report) => _first.TrySetResult(report);

    public void CommandDone(long correlation)
    {
    }

    public void Dispose() => _sessions.Remove(Id);
}

/// <summary>The session of one bidirectional stream: reports queue here until the stream's writer sends them.</summary>
internal sealed class StreamSession : IOrderSession, IDisposable
{
    private readonly OrderSessions _sessions;
    // Not SingleReader: the writer asks Count to decide when to flush, which the single-reader channel cannot answer.
    private readonly Channel<V1.ExecutionReport> _reports = Channel.CreateUnbounded<V1.ExecutionReport>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false, AllowSynchronousContinuations = false });

    public StreamSession(OrderSessions sessions)
    {
        _sessions = sessions;
        Id = sessions.NextId();
        sessions.Add(this);
    }

    public long Id { get; }

    public ChannelReader<V1.ExecutionReport> Reports => _reports.Reader;

    private long _pending;
    private int _inputDone;

    public void Deliver(V1.ExecutionReport report) => _reports.Writer.TryWrite(report);

    /// <summary>A command of this session went to a shard: its reports are owed.</summary>
    public void Submitted() => Interlocked.Increment(ref _pending);

    public void CommandDone(long correlation)
    {
        if (Interlocked.Decrement(ref _pending) == 0 && Volatile.Read(ref _inputDone) == 1)
        {
            Complete();
        }
    }

    /// <summary>The client has sent its last request: complete once every command sent is answered.</summary>
    public void InputCompleted()
    {
        Volatile.Write(ref _inputDone, 1);
        if (Interlocked.Read(ref _pending) == 0)
        {
            Complete();
        }
    }

    /// <summary>No more reports will be written.</summary>
    public void Complete() => _reports.Writer.TryComplete();

    public void Dispose()
    {
        _sessions.Remove(Id);
        Complete();
    }
}
