using System.Globalization;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;
using Microsoft.Extensions.Options;

namespace Bourse.Orchestrations.Reconciliation.Activities;

/// <summary>Direct-entry fills of one instrument to clear.</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="Fills">The stored fill reports (each with its side).</param>
public sealed record DirectFills(int InstrumentId, IReadOnlyList<StoredExecution> Fills);

/// <summary>What <see cref="ClearDirectFillsActivity"/> did.</summary>
/// <param name="Posted">Entries applied now.</param>
/// <param name="AlreadyPosted">Entries the ledger had (an earlier attempt or run).</param>
public sealed record DirectFillsCleared(int Posted, int AlreadyPosted);

/// <summary>
/// Clears fills of orders that have no saga (direct order entry) through the saga's own path: one entry per side,
/// <see cref="FillJournal.EntryId"/>, against the central counterparty, posted with <see cref="ILedger.PostAsync"/> (exactly
/// once by id). The published reports carry no account, so the side is booked to <see cref="SuspenseAccount"/> until the
/// engine publishes accounts; no hold exists, so it is taken from the available balance
/// (<see cref="FillJournal.BuildDirectEntry"/>). The fee is that of a single fill at the configured rate.
/// </summary>
/// <remarks>The entry is built from the stored report, the instrument's tick size and currency and the fee rate alone, so
/// a retry builds the same entry; a fee rate changed between two runs would build another entry under the same id, which
/// the ledger refuses as a conflicting duplicate (reconciliation posts only entries it found missing, so that takes a
/// concurrent run).</remarks>
public sealed class ClearDirectFillsActivity(ILedger ledger, IReferenceData referenceData, IOptions<FeeSchedule> fees)
    : ISagaActivity<DirectFills, DirectFillsCleared>
{
    /// <summary>Where the direct-entry sides of fills are booked while the published reports carry no account (a system
    /// account: no floor).</summary>
    public const string SuspenseAccount = "sys:direct-entry";

    /// <inheritdoc/>
    public async Task<DirectFillsCleared> RunAsync(DirectFills input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var instrument = await referenceData.GetInstrumentAsync(input.InstrumentId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"Instrument {input.InstrumentId} is unknown: its fills cannot be priced.", nameof(input));
        decimal rate = fees.Value.Rate;
        int posted = 0, already = 0;
        foreach (var fill in input.Fills)
        {
            var report = fill.Report;
            var side = fill.Side ?? throw new ArgumentException($"Report {report.InstrumentSequence} names no side.", nameof(input));
            decimal price = report.PriceTicks * instrument.TickSize;
            decimal fee = FeeSchedule.ForFill(0m, price * report.Quantity, rate);
            string order = string.Create(CultureInfo.InvariantCulture, $"engine:{input.InstrumentId}:{report.EngineOrderId}");
            var entry = FillJournal.BuildDirectEntry(new FillClearing(
                order, SuspenseAccount, input.InstrumentId, instrument.Currency, side, report.TradeId, price, report.Quantity, fee));
            if (await ledger.PostAsync(entry, cancellationToken).ConfigureAwait(false) == PostingResult.Posted)
            {
                posted++;
            }
            else
            {
                already++;
            }
        }

        return new DirectFillsCleared(posted, already);
    }
}
