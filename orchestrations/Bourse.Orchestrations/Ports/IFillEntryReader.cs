using Bourse.Domain.Risk;

namespace Bourse.Orchestrations.Ports;

/// <summary>The fill entries the ledger holds (a port, for reconciliation): one per cleared side of a trade, id
/// <c>fill:{instrument}:{trade}:{buy|sell}</c> (<see cref="OrderToClearing.FillJournal.EntryId"/>).</summary>
public interface IFillEntryReader
{
    /// <summary>The fill entries of <paramref name="instrumentId"/> whose trade id is in [<paramref name="fromTradeId"/>, <paramref name="toTradeId"/>].</summary>
    ValueTask<IReadOnlyList<FillEntryInfo>> GetFillEntriesAsync(
        int instrumentId, long fromTradeId, long toTradeId, CancellationToken cancellationToken = default);
}

/// <summary>One fill entry as the ledger recorded it.</summary>
/// <param name="EntryId">Its id.</param>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="TradeId">The trade.</param>
/// <param name="Side">The side it clears.</param>
/// <param name="Complete">Applied everywhere; <see langword="false"/> while pending (or refused).</param>
public sealed record FillEntryInfo(string EntryId, int InstrumentId, long TradeId, OrderSide Side, bool Complete);
