using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.Reconciliation.Activities;

/// <summary>A range of one instrument's trades.</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="FromTradeId">The first trade id.</param>
/// <param name="ToTradeId">The last trade id.</param>
public sealed record TradeRange(int InstrumentId, long FromTradeId, long ToTradeId);

/// <summary>Loads the ledger's fill entries of a range of trades. Reads only.</summary>
public sealed class LoadFillEntriesActivity(IFillEntryReader ledger) : ISagaActivity<TradeRange, IReadOnlyList<FillEntryInfo>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<FillEntryInfo>> RunAsync(TradeRange input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return await ledger.GetFillEntriesAsync(input.InstrumentId, input.FromTradeId, input.ToTradeId, cancellationToken).ConfigureAwait(false);
    }
}
