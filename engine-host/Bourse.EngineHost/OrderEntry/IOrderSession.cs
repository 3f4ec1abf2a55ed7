namespace Bourse.EngineHost.OrderEntry;

/// <summary>A connected order-entry client that receives the execution reports of its orders.</summary>
/// <remarks>
/// <see cref="Deliver"/> is called on a shard's commit thread: it must only hand the report over (build it or write it
/// into a buffer, and enqueue), never block or write to the network.
/// </remarks>
internal interface IOrderSession
{
    long Id { get; }

    void Deliver(in ReportSource report);

    /// <summary>The commit thread has delivered this batch's reports: a session that sends them later may go now.</summary>
    void ReportsDelivered()
    {
    }

    /// <summary>Every report of one of this session's commands has been delivered.</summary>
    void CommandDone(long correlation);
}
