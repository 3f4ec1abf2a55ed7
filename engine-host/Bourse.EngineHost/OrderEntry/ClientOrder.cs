using Bourse.Engine.Matching;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// One registered client order: its engine order id, what it asked for, the session its reports go to and, once the
/// shard has journalled it, its command sequence.
/// </summary>
internal sealed class ClientOrder(long clientOrderKey, string? clientOrderId, long accountId, int instrumentId, long engineOrderId, CommandType type, TimeInForce timeInForce)
{
    private long _commandSequence;
    private long _sessionId;

    public long ClientOrderKey { get; } = clientOrderKey;

    /// <summary>The client's id; null for an order known only from the journal (it keeps the key, not the text).</summary>
    public string? ClientOrderId { get; } = clientOrderId;

    public long AccountId { get; } = accountId;

    public int InstrumentId { get; } = instrumentId;

    public long EngineOrderId { get; } = engineOrderId;

    public CommandType Type { get; } = type;

    public TimeInForce TimeInForce { get; } = timeInForce;

    /// <summary>The journal sequence of the order's command; 0 while it is not journalled yet.</summary>
    public long CommandSequence => Interlocked.Read(ref _commandSequence);

    /// <summary>The session that last submitted for this order: where its fills as a maker are reported.</summary>
    public long SessionId
    {
        get => Interlocked.Read(ref _sessionId);
        set => Interlocked.Exchange(ref _sessionId, value);
    }

    /// <summary>Why the engine rejected the order; unspecified while it is accepted or not yet known.</summary>
    public V1.RejectReason Rejection { get; set; }

    public void Journalled(long commandSequence) => Interlocked.Exchange(ref _commandSequence, commandSequence);
}
