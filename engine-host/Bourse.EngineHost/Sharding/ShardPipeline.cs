using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.Engine.Pipeline;

namespace Bourse.EngineHost.Sharding;

/// <summary>
/// One shard of the engine host: a command ring, one matching thread that owns the shard's books, and a journal per
/// instrument. Commands are journalled before they are matched; a batch's outcomes leave the shard only after the
/// journal has flushed the batch.
/// </summary>
/// <remarks>
/// <para>
/// The stages, as the threads are named:
/// 1. submitters (any thread: order entry, tests) claim a slot of the command ring under a lock (the ring has one
///    producer sequence; order entry threads are many) and publish it;
/// 2. matching (<c>M:&lt;shard&gt;</c>): per command, the next sequence of its instrument, journal append, match; at the
///    end of the ring batch, flush the journals touched, then hand the batch to the <see cref="IShardEventSink"/>.
/// </para>
/// <para>
/// Opening a shard recovers every instrument's book from its newest snapshot and its journal (a torn last record is
/// dropped), so the books continue exactly where the last run's journal ends. A graceful stop drains the ring, flushes
/// the journals to disk and writes a snapshot of every instrument that has moved since its last one.
/// </para>
/// </remarks>
internal sealed class ShardPipeline : IDisposable
{
    private readonly ShardOptions _options;
    private readonly RingBuffer<ShardCommand> _ring;
    private readonly BatchEventProcessor<ShardCommand, MatchingHandler> _processor;
    private readonly Dictionary<int, ShardInstrument> _instruments;
    private readonly Lock _submitLock = new();
    private Thread? _thread;
    private bool _accepting;
    private bool _disposed;

    private ShardPipeline(ShardOptions options, Dictionary<int, ShardInstrument> instruments, IShardEventSink sink)
    {
        _options = options;
        _instruments = instruments;
        _ring = new RingBuffer<ShardCommand>(options.RingSize, options.WaitStrategy);
        _processor = BatchEventProcessor.Create(_ring, _ring.NewBarrier(), new MatchingHandler(instruments, sink, options.RingSize, options.Name));
        _ring.AddGatingSequences(_processor.Sequence);
        ShardMetrics.ObserveQueueDepth(options.Name, () => _ring.Cursor - _processor.Sequence.Value);
    }

    public string Name => _options.Name;

    /// <summary>Recovers the shard's books from their snapshots and journals, ready to <see cref="Start"/>.</summary>
    public static ShardPipeline Open(ShardOptions options, IShardEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        var instruments = new Dictionary<int, ShardInstrument>();
        try
        {
            foreach (var spec in options.Instruments)
            {
                instruments.Add(spec.InstrumentId, ShardInstrument.Recover(spec, options));
            }
        }
        catch
        {
            foreach (var opened in instruments.Values)
            {
                opened.Dispose();
            }

            throw;
        }

        return new ShardPipeline(options, instruments, sink);
    }

    /// <summary>The recovery of each instrument: what was replayed, whether a torn record was dropped.</summary>
    public IReadOnlyDictionary<int, BookRecoveryResult> Recoveries => _instruments.ToDictionary(i => i.Key, i => i.Value.Recovery);

    /// <summary>The state hash of an instrument's book. Call only while the shard is stopped (the book has one writer).</summary>
    public ulong StateHash(int instrumentId) => _instruments[instrumentId].Book.ComputeStateHash();

    /// <summary>The last command sequence of an instrument. Call only while the shard is stopped.</summary>
    public long LastCommandSequence(int instrumentId) => _instruments[instrumentId].LastSequence;

    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_thread is not null)
        {
            throw new InvalidOperationException($"Shard '{Name}' is already started.");
        }

        _thread = new Thread(RunMatching) { Name = "M:" + Name, IsBackground = true };
        _thread.Start();
        lock (_submitLock)
        {
            _accepting = true;
        }
    }

    /// <summary>Puts a command into the ring. Thread-safe.</summary>
    /// <returns>False when the shard is not accepting (stopped, stopping) or its ring is full: the caller throttles.</returns>
    public bool TrySubmit(in ShardCommand command)
    {
        lock (_submitLock)
        {
            if (!_accepting || !_ring.TryNext(out var sequence))
            {
                return false;
            }

            ref var slot = ref _ring[sequence];
            slot = command;
            slot.SubmittedTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
            _ring.Publish(sequence);
            return true;
        }
    }

    /// <summary>Refuses further commands; those already in the ring are still matched.</summary>
    public void StopAccepting()
    {
        lock (_submitLock)
        {
            _accepting = false;
        }
    }

    /// <summary>Stops accepting, lets the matching thread finish every command already in the ring, flushes the
    /// journals to disk and writes a snapshot of every book that moved.</summary>
    public void Stop()
    {
        StopAccepting();
        if (_thread is null)
        {
            return;
        }

        var last = _ring.Cursor;
        var spin = new SpinWait();
        while (_processor.Sequence.Value < last && _thread.IsAlive)
        {
            spin.SpinOnce();
        }

        _processor.Halt();
        _thread.Join();
        _thread = null;
        foreach (var instrument in _instruments.Values)
        {
            instrument.Journal.FlushToDisk();
            if (instrument.LastSequence > instrument.SnapshotSequence)
            {
                instrument.Snapshots.Write(instrument.Book, instrument.LastSequence);
                instrument.SnapshotSequence = instrument.LastSequence;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Stop();
        ShardMetrics.ForgetQueueDepth(Name);
        foreach (var instrument in _instruments.Values)
        {
            instrument.Dispose();
        }

        _disposed = true;
    }

    private void RunMatching()
    {
        _options.OnThreadStart?.Invoke();
        _processor.Run();
    }

    /// <summary>The matching thread's handler: journal, match, and hand each batch on once it is flushed.</summary>
    private sealed class MatchingHandler(Dictionary<int, ShardInstrument> instruments, IShardEventSink sink, int ringSize, string shardName)
        : IEventHandler<ShardCommand>
    {
        private readonly KeyValuePair<string, object?> _shardTag = new("shard", shardName);
        private readonly long[] _submitted = new long[ringSize];
        private readonly CommittedCommand[] _batch = new CommittedCommand[ringSize];
        private readonly ShardInstrument[] _dirty = new ShardInstrument[instruments.Count];
        private MatchEvent[] _events = new MatchEvent[ringSize * 4];
        private int _batchCount;
        private int _eventCount;
        private int _dirtyCount;

        public void OnEvent(ref ShardCommand data, long sequence, bool endOfBatch)
        {
            if (instruments.TryGetValue(data.InstrumentId, out var instrument))
            {
                var commandSequence = ++instrument.LastSequence;
                instrument.Journal.Append(commandSequence, data.Command);
                if (!instrument.Dirty)
                {
                    instrument.Dirty = true;
                    _dirty[_dirtyCount++] = instrument;
                }

                instrument.Book.Process(data.Command, commandSequence);
                var produced = instrument.Events.Events;
                Add(data, commandSequence, produced);
                instrument.Events.Clear();
            }
            else
            {
                // Order entry checks instruments before it submits; this is the shard's own guard, and nothing of it
                // is journalled: the command never reached a book.
                Span<MatchEvent> rejected = [new MatchEvent { Type = EventType.Rejected, OrderId = data.Command.OrderId, Reason = (byte)RejectReason.InvalidCommand }];
                Add(data, 0, rejected);
            }

            if (endOfBatch || _batchCount == _batch.Length)
            {
                Commit();
            }
        }

        private void Add(in ShardCommand data, long commandSequence, ReadOnlySpan<MatchEvent> produced)
        {
            if (_eventCount + produced.Length > _events.Length)
            {
                Array.Resize(ref _events, Math.Max(_events.Length * 2, _eventCount + produced.Length));
            }

            produced.CopyTo(_events.AsSpan(_eventCount));
            _submitted[_batchCount] = data.SubmittedTimestamp;
            _batch[_batchCount++] = new CommittedCommand(
                data.Command,
                data.InstrumentId, commandSequence, data.SessionId, data.Correlation, data.TraceId, data.SpanId, _eventCount, produced.Length);
            _eventCount += produced.Length;
        }

        private void Commit()
        {
            for (var i = 0; i < _dirtyCount; i++)
            {
                _dirty[i].Journal.Flush();
                _dirty[i].Dirty = false;
            }

            _dirtyCount = 0;
            sink.OnCommitted(_batch.AsSpan(0, _batchCount), _events.AsSpan(0, _eventCount));
            ShardMetrics.Commands.Add(_batchCount, _shardTag);
            if (ShardMetrics.CommitLatency.Enabled)
            {
                for (var i = 0; i < _batchCount; i++)
                {
                    ShardMetrics.CommitLatency.Record(ShardMetrics.MicrosecondsSince(_submitted[i]), _shardTag);
                }
            }

            _batchCount = 0;
            _eventCount = 0;
        }
    }
}
