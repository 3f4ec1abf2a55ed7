using Bourse.Engine.Matching;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// One registered client order: its engine order id, what it asked for, the session its reports go to and, once the
/// shard has journalled it, its command sequence. A handle on the order's entry in the <see cref="ClientOrderRegistry"/>'s
/// table (not a copy): what one thread sets through it, the others read through theirs.
/// </summary>
/// <remarks>
/// Why a handle on a table and not an object per order: the registry keeps every order of the retained journals, and as
/// objects (an order, its nodes in two concurrent dictionaries) they were most of the host's long-lived heap, which each
/// full GC marks again. Two handles of the same order are equal.
/// </remarks>
internal readonly record struct ClientOrder
{
    private readonly ClientOrderRegistry.Entry[] _segment;
    private readonly int _index;

    internal ClientOrder(ClientOrderRegistry.Entry[] segment, int index)
    {
        _segment = segment;
        _index = index;
    }

    private ref ClientOrderRegistry.Entry Entry => ref _segment[_index];

    public long ClientOrderKey => Entry.Key;

    /// <summary>The client's id; null for an order known only from the journal (it keeps the key, not the text).</summary>
    public string? ClientOrderId => Entry.ClientOrderId;

    public long AccountId => Entry.AccountId;

    public int InstrumentId => Entry.InstrumentId;

    public long EngineOrderId => Entry.EngineOrderId;

    public CommandType Type => Entry.Type;

    public TimeInForce TimeInForce => Entry.TimeInForce;

    /// <summary>The journal sequence of the order's command; 0 while it is not journalled yet.</summary>
    // Volatile reads and writes of 64-bit fields are atomic on the 64-bit platforms the host runs on.
    public long CommandSequence => Volatile.Read(ref Entry.CommandSequence);

    /// <summary>The session that last submitted for this order: where its fills as a maker are reported.</summary>
    public long SessionId => Volatile.Read(ref Entry.SessionId);

    /// <summary>Why the engine rejected the order; unspecified while it is accepted or not yet known.</summary>
    public V1.RejectReason Rejection => (V1.RejectReason)Volatile.Read(ref Entry.Rejection);

    public void SetSession(long sessionId) => Volatile.Write(ref Entry.SessionId, sessionId);

    public void Reject(V1.RejectReason reason) => Volatile.Write(ref Entry.Rejection, (int)reason);

    public void Journalled(long commandSequence) => Volatile.Write(ref Entry.CommandSequence, commandSequence);
}
