using Bourse.EventHubsLocal.Storage;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>
/// A consumer's link (source <c>hub/ConsumerGroups/cg/Partitions/n</c>): a pump that sends the partition's events in
/// order from the start position, as far as the link credit the client grants allows.
/// </summary>
/// <remarks>
/// The pump never spins: with no credit, or when caught up, it awaits one <see cref="AsyncSignal"/> that a credit
/// flow, an append to the partition and the link's closing all set. It hands the link at most the credit it has, so
/// nothing piles up in the link's own queue. Deliveries are sent settled (the client attaches with settle-on-send),
/// and the pump ends with the link.
/// </remarks>
internal sealed class ConsumerLink
{
    private const int MaxEventsPerRead = 100;
    private const int MaxBytesPerRead = 1024 * 1024;

    private readonly SendingAmqpLink _link;
    private readonly PartitionLog _partition;
    private readonly bool _trackLastEnqueued;
    private readonly TimeProvider _timeProvider;
    private readonly AsyncSignal _signal = new();
    private long _nextSequenceNumber;
    private volatile bool _isClosed;
    private ulong _deliveryTag;

    public ConsumerLink(SendingAmqpLink link, PartitionLog partition, long startSequenceNumber, long? ownerLevel, bool trackLastEnqueued, TimeProvider timeProvider)
    {
        _link = link;
        _partition = partition;
        _nextSequenceNumber = startSequenceNumber;
        OwnerLevel = ownerLevel;
        _trackLastEnqueued = trackLastEnqueued;
        _timeProvider = timeProvider;
    }

    /// <summary>The receiver's owner level (epoch), or null for a non-exclusive receiver.</summary>
    public long? OwnerLevel { get; }

    public AmqpLink Link => _link;

    /// <summary>Wires the link and starts the pump; the returned task ends when the link closes.</summary>
    public Task RunAsync()
    {
        _link.RegisterCreditListener((_, _, _) => _signal.Set());
        _link.SafeAddClosed((_, _) =>
        {
            _isClosed = true;
            _signal.Set();
        });
        _partition.AddListener(_signal);
        return Task.Run(PumpAsync);
    }

    /// <summary>Closes the link with <paramref name="error"/>, e.g. when a receiver with a higher owner level takes over.</summary>
    public void Close(AmqpException error) => _link.SafeClose(error);

    private async Task PumpAsync()
    {
        try
        {
            while (!_isClosed)
            {
                var credit = _link.LinkCredit;
                var events = credit == 0 || _link.Available > 0
                    ? []
                    : _partition.Read(_nextSequenceNumber, (int)Math.Min(credit, MaxEventsPerRead), MaxBytesPerRead);
                if (events.Count == 0)
                {
                    await _signal.WaitAsync().ConfigureAwait(false);
                    continue;
                }

                foreach (var stored in events)
                {
                    Send(stored);
                    _nextSequenceNumber = stored.Stamp.SequenceNumber + 1;
                }
            }
        }
        catch (Exception e)
        {
            // Any failure ends the link with an error the client sees: the server stopped (the partition closed), the
            // link failed mid-send, or a bug; a pump that died quietly would leave the consumer waiting forever.
            _link.SafeClose(e);
        }
        finally
        {
            _partition.RemoveListener(_signal);
        }
    }

    private void Send(StoredEvent stored)
    {
        // The stored bytes already carry the broker's annotations: they go out as they are, with the partition's
        // last-enqueued properties spliced in when the receiver asked for them.
        ArraySegment<byte>[] payload = _trackLastEnqueued
            ? LastEnqueuedAnnotations.Splice(stored.Message, _partition.GetState(), _timeProvider.GetUtcNow())
            : [new ArraySegment<byte>(stored.Message)];
        var message = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream(payload), payloadInitialized: true);
        var tag = BitConverter.GetBytes(++_deliveryTag);
        _link.SendMessageNoWait(message, new ArraySegment<byte>(tag), AmqpConstants.NullBinary);
    }

    /// <summary>Whether the attach asked for last-enqueued properties with each event.</summary>
    public static bool WantsLastEnqueued(AmqpLinkSettings settings) =>
        settings.DesiredCapabilities?.Contains(EventHubsAmqp.TrackLastEnqueuedCapability) == true;

    /// <summary>The owner level in the attach's properties, or null.</summary>
    public static long? OwnerLevelOf(AmqpLinkSettings settings) =>
        settings.Properties is { } properties && properties.TryGetValue<long>(EventHubsAmqp.OwnerLevelProperty, out var level) ? level : null;
}
