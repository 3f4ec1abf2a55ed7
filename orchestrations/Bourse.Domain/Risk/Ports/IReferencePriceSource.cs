namespace Bourse.Domain.Risk.Ports;

/// <summary>Reference prices of instruments (a port: an adapter reads them from market data or the instrument master).</summary>
public interface IReferencePriceSource
{
    /// <summary>The reference price of <paramref name="instrumentId"/>, or <see langword="null"/> when it has none.</summary>
    /// <param name="instrumentId">The instrument.</param>
    /// <param name="cancellationToken">Cancelled at the evaluation's deadline.</param>
    ValueTask<ReferencePrice?> GetReferencePriceAsync(string instrumentId, CancellationToken cancellationToken = default);
}
