using System.Globalization;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;
using Microsoft.Extensions.Options;

namespace Bourse.Orchestrations.Reconciliation.Activities;

/// <summary>Direct-entry fills of one instrument to clear.</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="Fills">The stored fill reports (each with its side and its order's engine account).</param>
public sealed record DirectFills(int InstrumentId, IReadOnlyList<StoredExecution> Fills);

/// <summary>What <see cref="ClearDirectFillsActivity"/> did.</summary>
/// <param name="Posted">Entries applied now.</param>
/// <param name="AlreadyPosted">Entries the ledger had (an earlier attempt or run).</param>
/// <param name="Breaks">Fills booked to the suspense account, and customer accounts a fill left below their floor.</param>
public sealed record DirectFillsCleared(int Posted, int AlreadyPosted, IReadOnlyList<ReconciliationBreak> Breaks);

/// <summary>
/// Clears fills of orders that have no saga (direct order entry) through the saga's own path: one entry per side,
/// <see cref="FillJournal.EntryId"/>, against the central counterparty, posted with <see cref="ILedger.PostAsync"/> (exactly
/// once by id), booked to the order's account: the report's engine account number in decimal, the back office's id for it.
/// The fee is that of a single fill at the configured rate.
/// </summary>
/// <remarks>
/// <para>A report without an account (0: stored before the engine published accounts) or with one that reference data does
/// not know is booked to <see cref="SuspenseAccount"/> and reported as a break: the trade happened, so the fill is not
/// dropped, and a person allocates it.</para>
/// <para>No hold backs a direct-entry order, and the engine has already traded: the entry is
/// <see cref="JournalEntry.AlreadyExecuted"/> (<see cref="FillJournal.BuildDirectEntry"/>), so the ledger records it even
/// where it leaves the account below its floor — refusing it would hide a trade, not undo it — and a
/// <see cref="ReconciliationBreakCodes.DirectFillBelowFloor"/> break tells operations to collect. The balance is read
/// after the post, so a retry after a post reports it too.</para>
/// <para>The entry is built from the stored report, reference data, the instrument's tick size and currency and the fee
/// rate alone, so a retry builds the same entry; a fee rate changed between two runs would build another entry under the
/// same id, which the ledger refuses as a conflicting duplicate (reconciliation posts only entries it found missing, so
/// that takes a concurrent run). So would an account that reference data learns of between a post to suspense and its
/// retry: the ledger refuses the second, and the first stands.</para>
/// </remarks>
public sealed class ClearDirectFillsActivity(ILedger ledger, ILedgerReader balances, IReferenceData referenceData, IOptions<FeeSchedule> fees)
    : ISagaActivity<DirectFills, DirectFillsCleared>
{
    /// <summary>Where the direct-entry sides of fills are booked when the report names no account the back office knows
    /// (a system account: no floor).</summary>
    public const string SuspenseAccount = "sys:direct-entry";

    /// <inheritdoc/>
    public async Task<DirectFillsCleared> RunAsync(DirectFills input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var instrument = await referenceData.GetInstrumentAsync(input.InstrumentId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException($"Instrument {input.InstrumentId} is unknown: its fills cannot be priced.", nameof(input));
        decimal rate = fees.Value.Rate;
        int posted = 0, already = 0;
        var breaks = new List<ReconciliationBreak>();
        foreach (var fill in input.Fills)
        {
            var report = fill.Report;
            var side = fill.Side ?? throw new ArgumentException($"Report {report.InstrumentSequence} names no side.", nameof(input));
            decimal price = report.PriceTicks * instrument.TickSize;
            decimal fee = FeeSchedule.ForFill(0m, price * report.Quantity, rate);
            string order = string.Create(CultureInfo.InvariantCulture, $"engine:{input.InstrumentId}:{report.EngineOrderId}");
            string entryId = FillJournal.EntryId(input.InstrumentId, report.TradeId, side);
            string? account = await CustomerAccountAsync(fill.EngineAccountId, cancellationToken).ConfigureAwait(false);
            if (account is null)
            {
                breaks.Add(new(
                    fill.EngineAccountId <= 0 ? ReconciliationBreakCodes.DirectFillWithoutAccount : ReconciliationBreakCodes.DirectFillUnknownAccount,
                    input.InstrumentId, report.TradeId, entryId,
                    fill.EngineAccountId <= 0
                        ? $"engine order {report.EngineOrderId}'s report names no account: booked to {SuspenseAccount}"
                        : $"engine order {report.EngineOrderId}'s account {fill.EngineAccountId} is not in reference data: booked to {SuspenseAccount}"));
            }

            var entry = FillJournal.BuildDirectEntry(new FillClearing(
                order, account ?? SuspenseAccount, input.InstrumentId, instrument.Currency, side, report.TradeId, price, report.Quantity, fee));
            if (await ledger.PostAsync(entry, cancellationToken).ConfigureAwait(false) == PostingResult.Posted)
            {
                posted++;
            }
            else
            {
                already++;
            }

            if (account is not null)
            {
                // Only the debited asset can end below its floor: cash for a buy, the securities for a sell.
                string asset = side == OrderSide.Buy ? instrument.Currency : Assets.Security(input.InstrumentId);
                var state = await balances.GetAccountAsync(account, cancellationToken).ConfigureAwait(false);
                decimal available = state.BalanceOf(asset).Available, floor = state.FloorOf(asset);
                if (available < floor)
                {
                    breaks.Add(new(ReconciliationBreakCodes.DirectFillBelowFloor, input.InstrumentId, report.TradeId, entryId,
                        string.Create(CultureInfo.InvariantCulture,
                            $"account {account} has {available} {asset} available after engine order {report.EngineOrderId}'s {(side == OrderSide.Buy ? "buy" : "sell")} of {report.Quantity} @ {price}, below its floor {floor}")));
                }
            }
        }

        return new DirectFillsCleared(posted, already, breaks);
    }

    /// <summary>The back office's id of engine account <paramref name="engineAccountId"/>, or <see langword="null"/> when
    /// there is none (0) or reference data does not know it.</summary>
    private async ValueTask<string?> CustomerAccountAsync(long engineAccountId, CancellationToken cancellationToken)
    {
        if (engineAccountId <= 0)
        {
            return null;
        }

        string id = engineAccountId.ToString(CultureInfo.InvariantCulture);
        return await referenceData.GetAccountAsync(id, cancellationToken).ConfigureAwait(false) is null ? null : id;
    }
}
