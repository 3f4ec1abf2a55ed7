using Bourse.Domain.Risk;

namespace Bourse.Orchestrations.Ports;

/// <summary>
/// Which saga owns an engine order (a port: an adapter keeps the links in the system of record). The engine's published
/// reports name only the engine order id, so this link is the only way from a report to its saga. Written once by the
/// saga's SubmitToEngine step, after the engine accepted the order; first write wins.
/// </summary>
public interface IOrderLinkStore
{
    /// <summary>Writes <paramref name="link"/> unless one exists for its (instrument, engine order id).</summary>
    /// <returns>The link now stored: <paramref name="link"/>, or the one written first.</returns>
    ValueTask<OrderLink> LinkAsync(OrderLink link, CancellationToken cancellationToken = default);

    /// <summary>The links of <paramref name="engineOrderIds"/> on <paramref name="instrumentId"/> that exist, by engine order id.</summary>
    ValueTask<IReadOnlyDictionary<long, OrderLink>> FindAsync(
        int instrumentId, IReadOnlyCollection<long> engineOrderIds, CancellationToken cancellationToken = default);
}

/// <summary>An engine order and the saga (order) it belongs to.</summary>
/// <param name="InstrumentId">The book (engine order ids are the host's, unique per instrument).</param>
/// <param name="EngineOrderId">The engine's order id.</param>
/// <param name="OrderId">The back office's order id: the saga's instance id.</param>
/// <param name="AccountId">The order's account.</param>
/// <param name="Side">The order's side.</param>
public sealed record OrderLink(int InstrumentId, long EngineOrderId, string OrderId, string AccountId, OrderSide Side);
