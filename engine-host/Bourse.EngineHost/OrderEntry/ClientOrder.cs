namespace Bourse.EngineHost.OrderEntry;

/// <summary>One registered client order: its engine order id and, once the shard has journalled it, its sequence.</summary>
internal sealed class ClientOrder(long clientOrderKey, long accountId, int instrumentId, long engineOrderId)
{
    private long _commandSequence;

    public long ClientOrderKey { get; } = clientOrderKey;

    public long AccountId { get; } = accountId;

    public int InstrumentId { get; } = instrumentId;

    public long EngineOrderId { get; } = engineOrderId;

    /// <summary>The journal sequence of the order's command; 0 while it is not journalled yet.</summary>
    public long CommandSequence => Interlocked.Read(ref _commandSequence);

    public void Journalled(long commandSequence) => Interlocked.Exchange(ref _commandSequence, commandSequence);
}
