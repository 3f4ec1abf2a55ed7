using System.Diagnostics;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using Bourse.Engine.Matching;
using Bourse.Engine.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace Bourse.EngineHost.Publishing;

/// <summary>
/// The out-ring's consumer: groups events per instrument into <see cref="EventDataBatch"/>es (partition key = the
/// instrument, one hub for executions and one for book updates), sends them through a Polly pipeline, and moves each
/// instrument's <see cref="PublishCheckpoint"/> once Event Hubs has accepted everything up to a command.
/// </summary>
/// <remarks>
/// <para>
/// Run by a <see cref="BatchEventProcessor{T, THandler}"/> on its own thread (<see cref="PublishPipeline"/>). Sends are
/// made on that thread and waited for: per instrument and hub a batch is sent only after the previous one was
/// accepted, so order is kept without sequence juggling. A batch is sent when it is full, at the end of every ring
/// batch, and when it has been open for <see cref="EventHubsPublisherOptions.MaxLinger"/> during a long ring batch.
/// While a send is retried the matching threads go on: the ring absorbs, and when it is full the writer leaves events
/// in the journal and this publisher regenerates them at the gap's marker (see <see cref="PublishRingWriter"/>).
/// </para>
/// <para>
/// Messages carry the application properties <c>traceparent</c> (W3C, from the command's trace context; absent for
/// events regenerated from the journal, which does not keep trace contexts), <c>bourse-instrument</c> (the partition
/// key), <c>bourse-sequence</c> (gap-free per instrument and hub, from 1; the same when republished) and
/// <c>bourse-command-sequence</c>; the message id is <c>{instrument}:{sequence}</c>.
/// </para>
/// <para>
/// Failures: see <see cref="PublishResilience"/>. Transient ones back off and retry without end; non-transient ones
/// are logged as errors, counted, and retried after a long delay instead of stopping the publisher, because stopping
/// could not publish anything either (only a restart would resume, from the same journal), while most non-transient
/// errors (hub missing, permissions) are fixed by an operator while the host runs. Only shutdown stops it.
/// </para>
/// </remarks>
internal sealed partial class EventHubsPublisher : IEventHandler<PublishSlot>, IDisposable
{
    public const string InstrumentProperty = "bourse-instrument";
    public const string SequenceProperty = "bourse-sequence";
    public const string CommandSequenceProperty = "bourse-command-sequence";

    private readonly EventHubProducerClient[] _producers;
    private readonly string[] _spanNames;
    private readonly Dictionary<int, InstrumentState> _instruments = [];
    private readonly IEventBodyEncoder _encoder;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly List<OpenBatch> _open = [];
    private readonly MessageSink _sink;
    private readonly CancellationTokenSource _stopping = new();
    private readonly long _lingerTicks;
    private readonly long _checkpointTicks;
    private PublishSlot[] _command = new PublishSlot[64];
    private int _commandCount;

    /// <param name="executions">The producer for the executions hub. Owned by the caller; give it few or no retries of its own.</param>
    /// <param name="bookUpdates">The producer for the book-updates hub.</param>
    /// <param name="instruments">The instruments published; their checkpoints are loaded here.</param>
    /// <param name="encoder">The body encoding.</param>
    /// <param name="options">Batching, retry and checkpoint settings; validated.</param>
    /// <param name="logger">Where failures and gaps are logged.</param>
    public EventHubsPublisher(
        EventHubProducerClient executions,
        EventHubProducerClient bookUpdates,
        IEnumerable<PublisherInstrument> instruments,
        IEventBodyEncoder encoder,
        EventHubsPublisherOptions? options = null,
        ILogger<EventHubsPublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(executions);
        ArgumentNullException.ThrowIfNull(bookUpdates);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(encoder);
        options ??= new EventHubsPublisherOptions();
        options.Validate();

        _producers = [executions, bookUpdates];
        _spanNames = [$"send {executions.EventHubName}", $"send {bookUpdates.EventHubName}"];
        _encoder = encoder;
        _time = options.TimeProvider;
        _logger = logger ?? NullLogger<EventHubsPublisher>.Instance;
        Telemetry = new PublishingTelemetry();
        _pipeline = PublishResilience.Create(options, Telemetry, _logger);
        _lingerTicks = ToTimestampTicks(options.MaxLinger);
        _checkpointTicks = ToTimestampTicks(options.CheckpointInterval);
        _sink = new MessageSink(this);
        var now = _time.GetTimestamp();
        foreach (var instrument in instruments)
        {
            ArgumentNullException.ThrowIfNull(instrument, nameof(instruments));
            _instruments.Add(instrument.InstrumentId, new InstrumentState(instrument, PublishCheckpoint.Load(instrument.JournalDirectory), now));
        }
    }

    public PublishingTelemetry Telemetry { get; }

    /// <summary>Cancelled by <see cref="Stop"/>: sends in progress give up.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Makes the lag gauge read how far <paramref name="consumed"/> (this handler's processor) is behind <paramref name="ring"/>.</summary>
    public void TrackLag(RingBuffer ring, Sequence consumed)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(consumed);
        Telemetry.SetLagSource(() => Math.Max(0, ring.Cursor - consumed.Value));
    }

    /// <summary>The instrument's confirmed position: every command up to it accepted by Event Hubs. Thread-safe.</summary>
    public PublishPosition GetConfirmedPosition(int instrumentId)
    {
        var state = _instruments[instrumentId];
        lock (state)
        {
            return state.Confirmed;
        }
    }

    /// <summary>The instrument's checkpoint as last saved. Call on the publisher's thread, or once it has stopped.</summary>
    public PublishCheckpoint GetCheckpoint(int instrumentId) => _instruments[instrumentId].Checkpoint;

    /// <summary>Makes sends in progress and their retries give up; the processor's run then ends with the cancellation.</summary>
    public void Stop() => _stopping.Cancel();

    public void OnEvent(ref PublishSlot data, long sequence, bool endOfBatch)
    {
        if (!_instruments.TryGetValue(data.InstrumentId, out var state))
        {
            throw new InvalidOperationException($"Instrument {data.InstrumentId} came through the out-ring but is not configured for publishing.");
        }

        if (data.Kind == PublishSlotKind.Gap)
        {
            ReplayGap(state, data.CommandSequence, data.GapLastCommandSequence);
        }
        else
        {
            if (_commandCount == _command.Length)
            {
                Array.Resize(ref _command, _command.Length * 2);
            }

            _command[_commandCount++] = data;
            if (data.EndOfCommand)
            {
                PublishCommand(state, _command.AsSpan(0, _commandCount));
                _commandCount = 0;
            }
        }

        if (endOfBatch)
        {
            FlushAll();
            SaveCheckpoints(force: false);
        }
        else if (_open.Count != 0 && _time.GetTimestamp() - _open[0].OpenedAt >= _lingerTicks)
        {
            FlushLingering();
        }
    }

    /// <summary>
    /// Sends every open batch and saves every moved checkpoint. The processor does this at the end of each ring batch;
    /// call it after the processor has stopped (graceful shutdown) or on the publisher's thread.
    /// </summary>
    public void Flush()
    {
        FlushAll();
        SaveCheckpoints(force: true);
    }

    /// <summary>Saves the checkpoints that moved, regardless of the interval. Publisher's thread, or once it has stopped.</summary>
    public void SaveCheckpoints() => SaveCheckpoints(force: true);

    public void Dispose()
    {
        foreach (var batch in _open)
        {
            batch.Batch.Dispose();
        }

        _open.Clear();
        Telemetry.Dispose();
        _stopping.Dispose();
    }

    private void PublishCommand(InstrumentState state, ReadOnlySpan<PublishSlot> events)
    {
        var commandSequence = events[0].CommandSequence;
        if (commandSequence <= state.LastComplete)
        {
            // Already published: a republish range overlapping what the ring carried.
            return;
        }

        _sink.Begin(state, commandSequence, TraceParent.Of(events[0]));
        _encoder.Encode(new PublishCommand(state.Config.InstrumentId, state.Config.PartitionKey, commandSequence), events, _sink);
        CompleteCommand(state, commandSequence);
    }

    private static void CompleteCommand(InstrumentState state, long commandSequence)
    {
        state.LastComplete = commandSequence;
        state.CompleteSequences[0] = state.LastSequences[0];
        state.CompleteSequences[1] = state.LastSequences[1];
        if (state.Batches[0] is null && state.Batches[1] is null)
        {
            Confirm(state);
        }
    }

    private void ReplayGap(InstrumentState state, long first, long last)
    {
        first = Math.Max(first, state.LastComplete + 1);
        if (first > last)
        {
            return;
        }

        LogGap(_logger, state.Config.InstrumentId, first, last);
        state.Replay ??= state.Config.CreateReplay();
        var replayed = 0;
        state.Replay.Replay(first, last, (commandSequence, events) =>
        {
            if (events.IsEmpty)
            {
                CompleteCommand(state, commandSequence);
                return;
            }

            var slots = _command.Length >= events.Length ? _command : _command = new PublishSlot[Math.Max(events.Length, _command.Length * 2)];
            for (var i = 0; i < events.Length; i++)
            {
                slots[i] = new PublishSlot
                {
                    Event = events[i],
                    Sequence = events[i].Sequence,
                    CommandSequence = commandSequence,
                    InstrumentId = state.Config.InstrumentId,
                    Kind = PublishSlotKind.Event,
                    EndOfCommand = i == events.Length - 1,
                };
            }

            PublishCommand(state, slots.AsSpan(0, events.Length));
            replayed += events.Length;
        });
        Telemetry.Replayed(replayed);
    }

    private void Enqueue(InstrumentState state, PublishStream stream, EventData message)
    {
        var batch = state.Batches[(int)stream] ?? Open(state, stream);
        if (!batch.Batch.TryAdd(message))
        {
            Send(batch);
            batch = Open(state, stream);
            if (!batch.Batch.TryAdd(message))
            {
                throw new InvalidOperationException(
                    $"A message of instrument {state.Config.PartitionKey} ({message.EventBody.ToMemory().Length} bytes) does not fit an empty batch of {batch.Batch.MaximumSizeInBytes} bytes.");
            }
        }

        batch.Count++;
    }

    private OpenBatch Open(InstrumentState state, PublishStream stream)
    {
        var producer = _producers[(int)stream];
        var created = Execute(
            static (s, cancellationToken) => s.producer.CreateBatchAsync(s.options, cancellationToken),
            (producer, options: state.BatchOptions),
            producer.EventHubName);
        var batch = new OpenBatch(state, stream, created, _time.GetTimestamp());
        state.Batches[(int)stream] = batch;
        _open.Add(batch);
        return batch;
    }

    private void Send(OpenBatch batch)
    {
        var producer = _producers[(int)batch.Stream];
        using (var activity = PublishingTelemetry.Source.StartActivity(_spanNames[(int)batch.Stream], ActivityKind.Producer))
        {
            activity?.SetTag("messaging.system", "eventhubs");
            activity?.SetTag("messaging.operation.type", "send");
            activity?.SetTag("messaging.destination.name", producer.EventHubName);
            activity?.SetTag("messaging.batch.message_count", batch.Count);
            activity?.SetTag(InstrumentProperty, batch.Owner.Config.PartitionKey);
            try
            {
                Execute(
                    static async (s, cancellationToken) =>
                    {
                        await s.producer.SendAsync(s.batch, cancellationToken).ConfigureAwait(false);
                        return true;
                    },
                    (producer, batch: batch.Batch),
                    producer.EventHubName);
            }
            catch (Exception e)
            {
                activity?.SetStatus(ActivityStatusCode.Error, PublishFailures.ErrorType(e));
                throw;
            }
        }

        Telemetry.Sent(producer.EventHubName, batch.Count);
        var state = batch.Owner;
        state.Batches[(int)batch.Stream] = null;
        _open.Remove(batch);
        batch.Batch.Dispose();
        if (state.Batches[0] is null && state.Batches[1] is null)
        {
            Confirm(state);
        }
    }

    /// <summary>Runs an Event Hubs call through the pipeline and waits for it: this is the publisher's own thread.</summary>
    private TResult Execute<TResult, TState>(Func<TState, CancellationToken, ValueTask<TResult>> call, TState state, string hub)
    {
        var context = ResilienceContextPool.Shared.Get(_stopping.Token);
        context.Properties.Set(PublishResilience.HubKey, hub);
        try
        {
            return _pipeline.ExecuteAsync(static (context, s) => s.call(s.state, context.CancellationToken), context, (call, state))
                .AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private void FlushAll()
    {
        while (_open.Count != 0)
        {
            Send(_open[0]);
        }
    }

    private void FlushLingering()
    {
        var now = _time.GetTimestamp();
        while (_open.Count != 0 && now - _open[0].OpenedAt >= _lingerTicks)
        {
            Send(_open[0]);
        }
    }

    /// <summary>Everything of the instrument up to its last complete command is accepted: that is its confirmed position.</summary>
    private static void Confirm(InstrumentState state)
    {
        if (state.LastComplete <= state.Confirmed.CommandSequence)
        {
            return;
        }

        lock (state)
        {
            state.Confirmed = new PublishPosition(state.LastComplete, state.CompleteSequences[0], state.CompleteSequences[1]);
        }
    }

    private void SaveCheckpoints(bool force)
    {
        var now = _time.GetTimestamp();
        foreach (var state in _instruments.Values)
        {
            if (state.Confirmed.CommandSequence > state.Checkpoint.CommandSequence && (force || now - state.LastSaved >= _checkpointTicks))
            {
                state.Checkpoint.Save(state.Confirmed);
                state.LastSaved = now;
            }
        }
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Instrument {InstrumentId}: regenerating the events of commands {First} to {Last} from the journal (they did not go through the out-ring).")]
    private static partial void LogGap(ILogger logger, int instrumentId, long first, long last);

    /// <summary>The publisher's per-instrument state. Touched on the publisher's thread; <see cref="Confirmed"/> under its lock.</summary>
    private sealed class InstrumentState
    {
        public InstrumentState(PublisherInstrument config, PublishCheckpoint checkpoint, long now)
        {
            Config = config;
            Checkpoint = checkpoint;
            Confirmed = checkpoint.Position;
            LastComplete = checkpoint.CommandSequence;
            LastSequences = [checkpoint.Position.ExecutionsSequence, checkpoint.Position.BookUpdatesSequence];
            CompleteSequences = [.. LastSequences];
            BatchOptions = new CreateBatchOptions { PartitionKey = config.PartitionKey };
            LastSaved = now;
        }

        public PublisherInstrument Config { get; }

        public PublishCheckpoint Checkpoint { get; }

        public CreateBatchOptions BatchOptions { get; }

        /// <summary>The open batch of each stream (by <see cref="PublishStream"/>), or null.</summary>
        public OpenBatch?[] Batches { get; } = new OpenBatch?[PublishRouting.StreamCount];

        /// <summary>The last message sequence given out, per stream.</summary>
        public long[] LastSequences { get; }

        /// <summary>The last command all of whose messages are in batches (sent or open).</summary>
        public long LastComplete { get; set; }

        /// <summary><see cref="LastSequences"/> right after <see cref="LastComplete"/>.</summary>
        public long[] CompleteSequences { get; }

        public PublishPosition Confirmed { get; set; }

        public long LastSaved { get; set; }

        public JournalEventReplay? Replay { get; set; }
    }

    private sealed class OpenBatch(InstrumentState owner, PublishStream stream, EventDataBatch batch, long openedAt)
    {
        public InstrumentState Owner { get; } = owner;

        public PublishStream Stream { get; } = stream;

        public EventDataBatch Batch { get; } = batch;

        public long OpenedAt { get; } = openedAt;

        public int Count { get; set; }
    }

    /// <summary>Numbers the encoder's messages, stamps their properties and puts them in the instrument's batches.</summary>
    private sealed class MessageSink(EventHubsPublisher publisher) : IPublishMessageSink
    {
        private InstrumentState? _state;
        private object? _commandSequence;
        private string? _traceParent;

        public void Begin(InstrumentState state, long commandSequence, string? traceParent)
        {
            _state = state;
            _commandSequence = commandSequence;
            _traceParent = traceParent;
        }

        public long NextSequence(PublishStream stream) => _state!.LastSequences[(int)stream] + 1;

        public void Add(PublishStream stream, ReadOnlyMemory<byte> body, string contentType)
        {
            var state = _state ?? throw new InvalidOperationException("No command is being encoded.");
            var sequence = ++state.LastSequences[(int)stream];
            var key = state.Config.PartitionKey;
            var message = new EventData(body)
            {
                ContentType = contentType,
                MessageId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key}:{sequence}"),
            };
            if (_traceParent is not null)
            {
                message.Properties[TraceParent.PropertyName] = _traceParent;
            }

            message.Properties[InstrumentProperty] = key;
            message.Properties[SequenceProperty] = sequence;
            message.Properties[CommandSequenceProperty] = _commandSequence;
            publisher.Enqueue(state, stream, message);
        }
    }
}
