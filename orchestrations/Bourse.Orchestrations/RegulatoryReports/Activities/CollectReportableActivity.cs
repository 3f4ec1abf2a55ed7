using System.Text.Json;
using Bourse.Domain.Reporting;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.RegulatoryReports.Activities;

/// <summary>What to collect: the day's window and the format that selects.</summary>
public sealed record CollectRequest(string ReportId, string Jurisdiction, string ReportType, DateTimeOffset From, DateTimeOffset To);

/// <summary>What was collected: the selection is staged as a file (it can grow past what a history should carry).</summary>
/// <param name="StagedPath">The staged JSON of the selected transactions.</param>
/// <param name="Records">Transactions selected.</param>
/// <param name="Customers">Distinct customers among them.</param>
/// <param name="FlagsWithoutDecision">Orders flagged in the window whose risk decision is missing: reported nowhere, so
/// counted here for a person to look at (the saga stores the decision before the flags, so this should stay 0).</param>
public sealed record Collected(string StagedPath, int Records, int Customers, int FlagsWithoutDecision);

/// <summary>
/// Reads the flags of the window, joins each flagged order's risk decision (the customer and the amount as the rules saw
/// them), keeps what the format selects, and stages the selection. Reads and stages only, so a retry writes the same file.
/// </summary>
public sealed class CollectReportableActivity(
    IRegulatoryFlagSource flags, IRiskDecisionStore decisions, IReportFiles files, RegulatoryReportFormatCatalog formats)
    : ISagaActivity<CollectRequest, Collected>
{
    /// <inheritdoc/>
    public async Task<Collected> RunAsync(CollectRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var format = formats.Get(input.Jurisdiction, input.ReportType);
        var found = await flags.GetFlagsAsync(input.From, input.To, cancellationToken).ConfigureAwait(false);
        var selected = new List<ReportableTransaction>();
        int withoutDecision = 0;
        foreach (var order in found.GroupBy(f => f.OrderId, StringComparer.Ordinal))
        {
            var decision = await decisions.FindAsync(order.Key, cancellationToken).ConfigureAwait(false);
            if (decision is null)
            {
                withoutDecision++;
                continue;
            }

            var subject = decision.Subject;
            var transaction = new ReportableTransaction(
                subject.OrderId, subject.AccountId, subject.CustomerId, subject.CustomerType, subject.CustomerName, subject.CustomerCountry,
                subject.Channel, subject.Notional, subject.InstrumentId, subject.Side, order.Min(f => f.EvaluatedAt),
                [.. order.DistinctBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(f => f.RuleId, StringComparer.Ordinal)
                    .Select(f => new ReportableFlag(f.RuleId, f.ReasonCode, f.Detail))]);
            if (format.Selects(transaction))
            {
                selected.Add(transaction);
            }
        }

        selected.Sort(static (a, b) => a.EvaluatedAt != b.EvaluatedAt
            ? a.EvaluatedAt.CompareTo(b.EvaluatedAt)
            : string.CompareOrdinal(a.OrderId, b.OrderId));
        string path = input.ReportId + "/reportable.json";
        await files.StageAsync(path, JsonSerializer.SerializeToUtf8Bytes(selected), cancellationToken).ConfigureAwait(false);
        return new Collected(path, selected.Count, selected.Select(t => t.CustomerId).Distinct(StringComparer.Ordinal).Count(), withoutDecision);
    }
}
