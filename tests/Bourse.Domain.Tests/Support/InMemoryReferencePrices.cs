using Bourse.Domain.Risk.Ports;

namespace Bourse.Domain.Tests.Support;

/// <summary>An in-memory <see cref="IReferencePriceSource"/>.</summary>
internal sealed class InMemoryReferencePrices : IReferencePriceSource
{
    private readonly Dictionary<string, ReferencePrice> _prices = [];

    public void Set(string instrumentId, ReferencePrice price) => _prices[instrumentId] = price;

    public ValueTask<ReferencePrice?> GetReferencePriceAsync(string instrumentId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_prices.GetValueOrDefault(instrumentId));
}
