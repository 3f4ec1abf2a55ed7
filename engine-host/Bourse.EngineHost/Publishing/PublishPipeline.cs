using Bourse.Engine.Pipeline;

namespace Bourse.EngineHost.Publishing;

/// <summary>
/// The host's out path, wired in one place:
/// 1. the shards' commit threads (<c>C:&lt;shard&gt;</c>) write committed events through <see cref="Writer"/> into the out-ring,
///    never waiting (a full ring leaves events to the journal, see <see cref="PublishRingWriter"/>);
/// 2. the publisher thread (<c>P:publish</c>) runs a <see cref="BatchEventProcessor{T, THandler}"/> with the
///    <see cref="EventHubsPublisher"/>, which batches, sends and checkpoints.
/// </summary>
/// <remarks>
/// The ring has one producer: one shard per pipeline (or one writer thread). The publisher thread waits with a
/// <see cref="BlockingWaitStrategy"/> by default: it is off the latency path, and must not burn a core the matching
/// threads need.
/// </remarks>
internal sealed class PublishPipeline : IDisposable
{
    private readonly BatchEventProcessor<PublishSlot, EventHubsPublisher> _processor;
    private Thread? _thread;
    private volatile Exception? _fault;

    /// <param name="publisher">The publisher; disposed with the pipeline.</param>
    /// <param name="instrumentIds">The instruments the writer carries (the publisher must know each).</param>
    /// <param name="ringSize">Out-ring slots, a power of two. The default value is 65,536 (about 9 MiB).</param>
    /// <param name="waitStrategy">How the publisher thread waits. The default value is a <see cref="BlockingWaitStrategy"/>.</param>
    public PublishPipeline(EventHubsPublisher publisher, IEnumerable<int> instrumentIds, int ringSize = 1 << 16, IWaitStrategy? waitStrategy = null)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        Publisher = publisher;
        Ring = new RingBuffer<PublishSlot>(ringSize, waitStrategy ?? new BlockingWaitStrategy());
        _processor = BatchEventProcessor.Create(Ring, Ring.NewBarrier(), publisher);
        Ring.AddGatingSequences(_processor.Sequence);
        Writer = new PublishRingWriter(Ring, instrumentIds);
        publisher.TrackLag(Ring, _processor.Sequence);
    }

    public RingBuffer<PublishSlot> Ring { get; }

    /// <summary>The matching side's writer (also the shard's <c>IShardEventSink</c>). One thread only.</summary>
    public PublishRingWriter Writer { get; }

    public EventHubsPublisher Publisher { get; }

    /// <summary>The exception that stopped the publisher thread, if one did (a cancelled shutdown is not a fault).</summary>
    public Exception? Fault => _fault;

    /// <summary>Whether the publisher thread is running.</summary>
    public bool IsRunning => _thread?.IsAlive == true;

    /// <summary>The last out-ring sequence the publisher has finished with (all of it sent).</summary>
    public long HandledSequence => _processor.Sequence.Value;

    /// <summary>
    /// At start-up, before the matching threads run: asks for every instrument's commands after its checkpoint to be
    /// regenerated from the journal and published again (at least once), through one gap marker each.
    /// </summary>
    /// <param name="lastCommandSequences">Each instrument's last journalled command, as recovery found it.</param>
    /// <exception cref="InvalidOperationException">
    /// A checkpoint is past its journal's end: events were published for commands the journal lost (a flush policy
    /// without fsync and a power loss). Their sequences would be reused by new commands and dropped as duplicates, so
    /// the host must not start; an operator decides (consumers must forget the instrument's events after the journal's end).
    /// </exception>
    public void RepublishAfterCheckpoints(IReadOnlyDictionary<int, long> lastCommandSequences)
    {
        ArgumentNullException.ThrowIfNull(lastCommandSequences);
        foreach (var (instrumentId, last) in lastCommandSequences)
        {
            var checkpoint = Publisher.GetCheckpoint(instrumentId).CommandSequence;
            if (checkpoint > last)
            {
                throw new InvalidOperationException(
                    $"Instrument {instrumentId}: events are confirmed published up to command {checkpoint}, but its journal ends at {last}.");
            }

            if (last > checkpoint)
            {
                Writer.RequestRepublish(instrumentId, checkpoint + 1, last);
            }
        }

        Writer.Commit();
    }

    /// <summary>Starts the publisher thread.</summary>
    /// <param name="onThreadStart">Runs first on the thread (CPU pinning). The default value does nothing.</param>
    public void Start(Action? onThreadStart = null)
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("The publisher is already started.");
        }

        _thread = new Thread(() => Run(onThreadStart)) { Name = "P:publish", IsBackground = true };
        _thread.Start();
    }

    /// <summary>
    /// Graceful stop: waits until the publisher has sent everything published into the ring (or
    /// <paramref name="cancellationToken"/> gives up on it), stops the thread and saves the checkpoints. Stop the
    /// writer's thread first.
    /// </summary>
    /// <returns>True when everything was sent; false when the wait was cancelled or the publisher had failed.</returns>
    public async Task<bool> StopAsync(CancellationToken cancellationToken = default)
    {
        if (_thread is null)
        {
            return _fault is null;
        }

        var target = Ring.Cursor;
        var drained = true;
        try
        {
            while (_processor.Sequence.Value < target && _thread.IsAlive)
            {
                await Task.Delay(1, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            drained = false;
        }

        drained &= _processor.Sequence.Value >= target;
        if (!drained)
        {
            // A send is being retried: make it give up; what it held stays in the journal for the next start.
            Publisher.Stop();
        }

        _processor.Halt();
        _thread.Join();
        _thread = null;
        Publisher.SaveCheckpoints();
        return drained && _fault is null;
    }

    public void Dispose()
    {
        if (_thread is not null)
        {
            Publisher.Stop();
            _processor.Halt();
            _thread.Join();
            _thread = null;
        }

        Publisher.Dispose();
    }

    private void Run(Action? onThreadStart)
    {
        try
        {
            onThreadStart?.Invoke();
            _processor.Run();
        }
        catch (OperationCanceledException) when (Publisher.Stopping.IsCancellationRequested)
        {
            // Stopped while a send was retried.
        }
#pragma warning disable CA1031 // The thread's last resort: the fault is kept for health checks and the host's log.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _fault = e;
        }
    }
}
