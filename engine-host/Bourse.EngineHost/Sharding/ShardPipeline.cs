using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.Engine.Pipeline;

namespace Bourse.EngineHost.Sharding;

/// <summary>
/// One shard of the engine host: a command ring, one matching thread that owns the shard's books, a journal per
/// instrument, and a commit thread that makes each batch durable before its outcomes leave the shard.
/// </summary>
/// <remarks>
/// <para>
/// The stages, as the threads are named:
/// 1. submitters (any thread: order entry, tests) claim a slot of the command ring under a lock (the ring has one
///    producer sequence; order entry threads are many) and publish it;
/// 2. matching (<c>M:&lt;shard&gt;</c>): per command, the next sequence of its instrument, journal append, match; at the
///    end of the ring batch, write the journals touched to the OS (no fsync) and hand the batch to the commit ring;
/// 3. commit (<c>C:&lt;shard&gt;</c>): for all the batches waiting, one fsync per journal touched (group commit), then each
///    batch in order to the <see cref="IShardEventSink"/>.
/// </para>
/// <para>
/// Why two threads: an fsync takes hundreds of microseconds here, and the matching thread used to wait for it at the end
/// of every batch while commands piled up. Now it matches batch N+1 while batch N is being synced; an outcome still
/// leaves only after the fsync that covers its command (<see cref="FileCommandJournal.CommitWritten"/>), and batches
/// leave in order. Building the execution reports moved off the matching thread with it.
/// </para>
/// <para>
/// Opening a shard recovers every instrument's book from its newest snapshot and its journal (a torn last record is
/// dropped), so the books continue exactly where the last run's journal ends. A graceful stop drains both rings,
/// flushes the journals to disk and writes a snapshot of every instrument that has moved since its last one.
/// </para>
/// </remarks>
internal sealed class ShardPipeline : IDisposable
{
    private readonly ShardOptions _options;
    private readonly RingBuffer<ShardCommand> _ring;
    private readonly BatchEventProcessor<ShardCommand, MatchingHandler> _processor;
    private readonly RingBuffer<CommitSlot> _commitRing;
    private readonly BatchEventProcessor<CommitSlot, CommitHandler> _committer;
    private readonly Dictionary<int, ShardInstrument> _instruments;
    private readonly Lock _submitLock = new();
    private Thread? _thread;
    private Thread? _commitThread;
    private bool _accepting;
    private bool _disposed;

    private ShardPipeline(ShardOptions options, Dictionary<int, ShardInstrument> instruments, IShardEventSink sink)
    {
        _options = options;
        _instruments = instruments;
        _ring = new RingBuffer<ShardCommand>(options.RingSize, options.WaitStrategy);
        _commitRing = new RingBuffer<CommitSlot>(CommitRingSize, new BlockingWaitStrategy());
        for (long i = 0; i < CommitRingSize; i++)
        {
            _commitRing[i].Batch = new CommitBatch(instruments.Count);
        }

        _processor = BatchEventProcessor.Create(_ring, _ring.NewBarrier(), new MatchingHandler(instruments, _commitRing));
        _committer = BatchEventProcessor.Create(_commitRing, _commitRing.NewBarrier(), new CommitHandler(sink, options.Name));
        _ring.AddGatingSequences(_processor.Sequence);
        _commitRing.AddGatingSequences(_committer.Sequence);
        ShardMetrics.ObserveQueueDepth(options.Name, () => _ring.Cursor - _processor.Sequence.Value);
    }

    /// <summary>
    /// Batches that may wait for the commit thread. Under load the matching thread finishes many small batches during
    /// one fsync (hundreds of microseconds); the commit thread then takes them all with one fsync. With 64 slots the
    /// ring filled during an fsync and the matching thread yielded in a loop, taking CPU from order entry on a 2-core
    /// machine (measured with perf: a quarter of the host's samples); 1,024 slots of small, growable batches cost a
    /// few megabytes.
    /// </summary>
    private const int CommitRingSize = 1024;

    /// <summary>
    /// The most commands a commit batch takes before the matching thread hands it on, even inside a ring batch. Without
    /// a bound a batch was as long as the ring batch (hundreds to thousands of commands under load), and each of the
    /// 1,024 slots grew its own arrays to the longest batch it had seen: under load most of the host's allocated bytes
    /// were those arrays being resized, on the large object heap (85,000 bytes and more), which only a gen2 collection
    /// frees. At 128 commands (about 130 bytes each) and 512 events (88 bytes each) both arrays stay small objects and
    /// stop growing once warm; the cost is one journal write to the OS per 128 commands instead of per ring batch, and
    /// the commit thread still syncs once for all the batches waiting.
    /// </summary>
    internal const int MaxBatchCommands = 128;

    /// <summary>The most events a commit batch takes before it is handed on (see <see cref="MaxBatchCommands"/>).</summary>
    internal const int MaxBatchEvents = 512;

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

        _commitThread = new Thread(_committer.Run) { Name = "C:" + Name, IsBackground = true };
        _commitThread.Start();
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

        var lastBatch = _commitRing.Cursor;
        while (_committer.Sequence.Value < lastBatch && _commitThread!.IsAlive)
        {
            spin.SpinOnce();
        }

        _committer.Halt();
        _commitThread!.Join();
        _commitThread = null;
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

    /// <summary>A slot of the commit ring: the batch the matching thread filled.</summary>
    private struct CommitSlot
    {
        public CommitBatch Batch;
    }

    /// <summary>
    /// One ring batch on its way from the matching thread to the commit thread: its commands, their events, and the
    /// journals it wrote to. Reused: the arrays grow to the largest batch seen and are never freed.
    /// </summary>
    private sealed class CommitBatch(int instruments)
    {
        public CommittedCommand[] Commands = new CommittedCommand[16];
        public long[] Submitted = new long[16];
        public MatchEvent[] Events = new MatchEvent[64];
        public readonly FileCommandJournal[] Journals = new FileCommandJournal[instruments];
        public int CommandCount;
        public int EventCount;
        public int JournalCount;

        /// <summary>When the matching thread finished the batch (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</summary>
        public long MatchedTimestamp;

        public void Add(in ShardCommand data, long commandSequence, ReadOnlySpan<MatchEvent> produced)
        {
            if (CommandCount == Commands.Length)
            {
                Array.Resize(ref Commands, Commands.Length * 2);
                Array.Resize(ref Submitted, Submitted.Length * 2);
            }

            if (EventCount + produced.Length > Events.Length)
            {
                Array.Resize(ref Events, Math.Max(Events.Length * 2, EventCount + produced.Length));
            }

            produced.CopyTo(Events.AsSpan(EventCount));
            Submitted[CommandCount] = data.SubmittedTimestamp;
            Commands[CommandCount++] = new CommittedCommand(
                data.Command,
                data.InstrumentId, commandSequence, data.SessionId, data.Correlation, data.TraceId, data.SpanId, EventCount, produced.Length);
            EventCount += produced.Length;
        }

        public void Clear()
        {
            CommandCount = 0;
            EventCount = 0;
            Array.Clear(Journals, 0, JournalCount);
            JournalCount = 0;
        }
    }

    /// <summary>The matching thread's handler: journal, match, and hand each batch to the commit thread once written.</summary>
    private sealed class MatchingHandler(Dictionary<int, ShardInstrument> instruments, RingBuffer<CommitSlot> commitRing)
        : IEventHandler<ShardCommand>
    {
        private readonly ShardInstrument[] _dirty = new ShardInstrument[instruments.Count];
        private int _dirtyCount;
        private long _claimed = -1;
        private CommitBatch? _batch;

        public void OnEvent(ref ShardCommand data, long sequence, bool endOfBatch)
        {
            var batch = _batch ??= Claim();
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
                batch.Add(data, commandSequence, instrument.Events.Events);
                instrument.Events.Clear();
            }
            else
            {
                // Order entry checks instruments before it submits; this is the shard's own guard, and nothing of it
                // is journalled: the command never reached a book.
                Span<MatchEvent> rejected = [new MatchEvent { Type = EventType.Rejected, OrderId = data.Command.OrderId, AccountId = data.Command.AccountId, Reason = (byte)RejectReason.InvalidCommand }];
                batch.Add(data, 0, rejected);
            }

            // A batch ends with the ring batch, or earlier once it holds MaxBatchCommands commands or MaxBatchEvents
            // events, so that its arrays stay small objects (see MaxBatchCommands).
            if (endOfBatch || batch.CommandCount >= MaxBatchCommands || batch.EventCount >= MaxBatchEvents)
            {
                Hand(batch);
            }
        }

        private CommitBatch Claim()
        {
            // Waits (spinning, then yielding) only while every commit slot is taken: the disk is behind.
            _claimed = commitRing.Next();
            var batch = commitRing[_claimed].Batch;
            batch.Clear();
            return batch;
        }

        private void Hand(CommitBatch batch)
        {
            for (var i = 0; i < _dirtyCount; i++)
            {
                _dirty[i].Journal.WriteBuffered();
                _dirty[i].Dirty = false;
                batch.Journals[batch.JournalCount++] = _dirty[i].Journal;
            }

            _dirtyCount = 0;
            _batch = null;
            batch.MatchedTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
            commitRing.Publish(_claimed);
        }
    }

    /// <summary>
    /// The commit thread's handler: collects the batches that are ready, makes each journal they touched durable once
    /// (group commit), then hands the batches on in order.
    /// </summary>
    private sealed class CommitHandler(IShardEventSink sink, string shardName) : IEventHandler<CommitSlot>
    {
        private readonly KeyValuePair<string, object?> _shardTag = new("shard", shardName);
        private readonly List<FileCommandJournal> _journals = [];
        private readonly List<CommitBatch> _pending = [];

        public void OnEvent(ref CommitSlot data, long sequence, bool endOfBatch)
        {
            // The slots stay untouched until this batch of the ring is done: the processor releases them only then.
            var batch = data.Batch;
            _pending.Add(batch);
            for (var i = 0; i < batch.JournalCount; i++)
            {
                if (!_journals.Contains(batch.Journals[i]))
                {
                    _journals.Add(batch.Journals[i]);
                }
            }

            if (!endOfBatch)
            {
                return;
            }

            foreach (var journal in _journals)
            {
                journal.CommitWritten();
            }

            foreach (var committed in _pending)
            {
                sink.OnCommitted(committed.Commands.AsSpan(0, committed.CommandCount), committed.Events.AsSpan(0, committed.EventCount));
                ShardMetrics.Commands.Add(committed.CommandCount, _shardTag);
                if (ShardMetrics.CommitLatency.Enabled || ShardMetrics.MatchLatency.Enabled)
                {
                    var now = System.Diagnostics.Stopwatch.GetTimestamp();
                    for (var i = 0; i < committed.CommandCount; i++)
                    {
                        ShardMetrics.MatchLatency.Record(ShardMetrics.Microseconds(committed.Submitted[i], committed.MatchedTimestamp), _shardTag);
                        ShardMetrics.CommitLatency.Record(ShardMetrics.Microseconds(committed.Submitted[i], now), _shardTag);
                    }
                }
            }

            _journals.Clear();
            _pending.Clear();
        }
    }
}
