using System.Globalization;
using System.Net;
using System.Text.Json;
using Bourse.Domain.Risk;
using Bourse.LocalStack;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Domain;
using Bourse.Domain.Reporting;
using Bourse.Orchestrations.Reconciliation;
using Bourse.Orchestrations.RegulatoryReports;

namespace Bourse.LocalRun.Day;

/// <summary>The end-of-day table: what happened to the orders, how long they took, and whether the back office's
/// promises held (each is a check that fails the run).</summary>
internal sealed class DaySummary(
    IReadOnlyList<TrackedOrder> orders,
    IReadOnlyList<(BadRequest Request, SubmitAnswer Answer)> badAnswers,
    ReconciliationResult? reconciliation,
    LedgerCheckResult ledger,
    bool allEnded,
    IReadOnlyList<FiledReport> reports,
    RegulatoryReportFormatCatalog formats)
{
    private readonly List<(string What, bool Ok, string Detail)> _checks = [];

    /// <summary>Every check passed.</summary>
    public bool AllWell => _checks.Count > 0 && _checks.All(c => c.Ok);

    private void WriteReports(TextWriter output, List<TrackedOrder> results)
    {
        output.WriteLine("Regulatory reports (filed by compliance through the API, delivered to the regulator's drop folder)");
        Row(output, "report", "records", "stage, file, size, SHA-256, schema");
        foreach (var report in reports)
        {
            var result = report.Result;
            string name = $"{report.Jurisdiction} {report.ReportType} {DayReports.Day(report.ReportDate)}";
            string schemaErrors = result is null ? "-" : result.SchemaErrors.Count(f => f.IsError).ToString(CultureInfo.InvariantCulture);
            string detail = result is null
                ? $"{report.View.RuntimeStatus} (no result)"
                : result.FileName is null
                    ? $"{result.Stage}{(result.Failure is null ? "" : ": " + result.Failure)}"
                    : $"{result.Stage}, {result.FileName}, {result.Bytes:N0} B, {DayReports.Short(result.Sha256)}, {schemaErrors} schema errors"
                      + $" ({report.Revalidation.Count(f => f.IsError)} in the delivered file)";
            Row(output, name, result?.Records.ToString(CultureInfo.InvariantCulture) ?? "-", detail);
            if (report.DeliveredFile is { } file)
            {
                Row(output, "", "", file);
            }
        }

        output.WriteLine();
        foreach (var (jurisdiction, type) in DayReports.Filed)
        {
            var format = formats.Get(jurisdiction, type);
            var filed = reports.Where(r => r.Jurisdiction == jurisdiction && r.ReportType == type).ToList();
            // The orders the format takes, judged from what the API says of each order (its flags): the report must carry
            // every one of them, no more.
            int expected = results.Count(o => o.Result!.RiskFlags.Count > 0 && format.Selects(Reportable(o)));
            int reported = filed.Sum(r => r.Result?.Records ?? 0);
            bool ended = filed.Count > 0 && filed.All(r => r.Result?.Stage is ReportStages.Submitted or ReportStages.NothingToReport);
            _checks.Add(($"report {jurisdiction} {type}: every reportable order, once", ended && reported == expected,
                $"{reported} reported, {expected} expected; {string.Join(", ", filed.Select(r => r.Result?.Stage ?? r.View.RuntimeStatus))}"));
            var delivered = filed.Where(r => r.Result?.FileName is not null).ToList();
            if (delivered.Count > 0)
            {
                bool valid = delivered.All(r => r.DeliveredFile is not null && r.DeliveredSha256 == r.Result!.Sha256 && !r.Revalidation.Any(f => f.IsError));
                _checks.Add(($"report {jurisdiction} {type}: delivered file as archived, valid against {format.SchemaFileName}", valid,
                    string.Join(", ", delivered.Select(r => $"{Path.GetFileName(r.DeliveredFile) ?? "missing"} {r.Revalidation.Count(f => f.IsError)} errors"))));
            }
        }
    }

    private static ReportableTransaction Reportable(TrackedOrder order) => new(
        order.Result!.OrderId, "-", "-", CustomerType.Individual, "-", "-", TransactionChannel.SecuritiesOrder, new Money(0m, "CNY"), null, null,
        DateTimeOffset.UnixEpoch, [.. order.Result.RiskFlags.Select(f => new ReportableFlag("-", f.Code, f.Detail))]);

    public void Write(TextWriter output)
    {
        _checks.Clear();
        var results = orders.Where(o => o.Result is not null).ToList();

        output.WriteLine("Orders by outcome");
        Row(output, "outcome", "orders", "filled qty");
        foreach (var (outcome, group) in Outcomes(results))
        {
            Row(output, outcome, group.Count.ToString(CultureInfo.InvariantCulture), group.Sum(o => o.Result!.FilledQuantity).ToString("N0", CultureInfo.InvariantCulture));
        }

        Row(output, "total", results.Count.ToString(CultureInfo.InvariantCulture), results.Sum(o => o.Result!.FilledQuantity).ToString("N0", CultureInfo.InvariantCulture));
        output.WriteLine();

        output.WriteLine("Scenarios");
        Row(output, "scenario", "orders", "as expected");
        foreach (var scenario in Enum.GetValues<DayScenario>())
        {
            var group = orders.Where(o => o.Plan.Scenario == scenario).ToList();
            if (group.Count == 0)
            {
                continue;
            }

            var (expected, ok) = Expectation(scenario, group);
            Row(output, Describe(scenario), group.Count.ToString(CultureInfo.InvariantCulture), expected);
            _checks.Add(($"scenario: {Describe(scenario)}", ok, expected));
        }

        output.WriteLine();
        output.WriteLine("Clearing and timing");
        var fills = results.Sum(o => o.Result!.FillsCleared);
        Row(output, "fills cleared (one per order side)", fills.ToString(CultureInfo.InvariantCulture), "");
        Row(output, "fees charged, CNY", results.Sum(o => o.Result!.Fees).ToString("N2", CultureInfo.InvariantCulture), "");
        WriteLatency(output, "accepted -> settled, filled orders", results.Where(o => o.Result!.Outcome == OrderOutcome.Filled));
        WriteLatency(output, "accepted -> settled, every order", results);
        var flags = results.SelectMany(o => o.Result!.RiskFlags).GroupBy(f => f.Code).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}").ToList();
        Row(output, "regulatory flags stored", results.Sum(o => o.Result!.RiskFlags.Count).ToString(CultureInfo.InvariantCulture), string.Join(", ", flags));
        output.WriteLine();
        WriteReports(output, results);

        _checks.Add(("every order ended", allEnded && results.Count == orders.Count, $"{results.Count} of {orders.Count}"));
        _checks.Add(("no saga failed", results.All(o => o.Result!.Outcome != OrderOutcome.Failed) && orders.All(o => o.View?.RuntimeStatus != "Failed"),
            $"{results.Count(o => o.Result!.Outcome == OrderOutcome.Failed)} failed"));
        var distinct = orders.Select(o => o.OrderId).Where(id => id is not null).Distinct(StringComparer.Ordinal).Count();
        _checks.Add(("one order per submission", distinct == orders.Count && orders.All(o => o.Submission?.Status == HttpStatusCode.Accepted),
            $"{distinct} orders from {orders.Count} submissions, {orders.Count(o => o.Submission?.Status == HttpStatusCode.Accepted)} answered 202"));
        var retried = orders.Where(o => o.Plan.SendTwice).ToList();
        _checks.Add(("retries answered with the same order", retried.All(o => o.Resubmission?.Status == HttpStatusCode.OK && o.Resubmission.OrderId == o.OrderId),
            $"{retried.Count(o => o.Resubmission?.Status == HttpStatusCode.OK && o.Resubmission.OrderId == o.OrderId)} of {retried.Count} answered 200 with the original order"));
        var refusedRight = badAnswers.Count(b => b.Answer.Status == HttpStatusCode.BadRequest && NamesField(b.Answer.Problem, b.Request.Field));
        _checks.Add(("bad requests refused, field named", refusedRight == badAnswers.Count && badAnswers.Count > 0,
            $"{refusedRight} of {badAnswers.Count} answered 400 naming the field" + string.Concat(badAnswers
                .Where(b => !(b.Answer.Status == HttpStatusCode.BadRequest && NamesField(b.Answer.Problem, b.Request.Field)))
                .Select(b => $"; {b.Request.What}: {(int)b.Answer.Status}"))));
        _checks.Add(("reconciliation: no break", reconciliation is { Breaks.Count: 0 },
            reconciliation is null
                ? "did not complete"
                : $"{reconciliation.Executions} execution sides, {reconciliation.Matched} matched, {reconciliation.ReRaised} re-raised, {reconciliation.ClearedDirect} direct, {reconciliation.Breaks.Count} breaks"
                  + string.Concat(reconciliation.Breaks.Take(3).Select(b => $"; {b.Code} {b.EntryId}"))));
        _checks.Add(("ledger balances", ledger.Balanced,
            $"{ledger.TotalsByAsset.Count} assets sum to {string.Join("/", ledger.TotalsByAsset.Values.Distinct())} over {ledger.Accounts} accounts, {ledger.HoldsLeft} holds left, {ledger.EntriesNotComplete} entries incomplete, {ledger.DuplicateFillEntries} duplicate fill entries"));
        _checks.Add(("fill entries = fills the sagas cleared", ledger.FillEntries == fills,
            $"{ledger.FillEntries} fill entries on the ledger, {fills} cleared by sagas"));

        output.WriteLine("Checks");
        foreach (var (what, ok, detail) in _checks)
        {
            output.WriteLine($"  {(ok ? "ok  " : "FAIL")}  {what,-40} {detail}");
        }
    }

    private static IEnumerable<(string Outcome, List<TrackedOrder> Orders)> Outcomes(List<TrackedOrder> results)
    {
        string Name(TrackedOrder o)
        {
            var result = o.Result!;
            return result.Outcome switch
            {
                OrderOutcome.Filled => "filled",
                OrderOutcome.Cancelled => (result.FilledQuantity > 0 ? "partly filled, then cancelled" : "cancelled")
                    + o.Cancel switch
                    {
                        CancelSource.Trader => " by the trader",
                        CancelSource.EndOfSession => " at the session's end",
                        _ => " by the engine (IOC, self-trade)",
                    },
                OrderOutcome.Expired => result.FilledQuantity > 0 ? "partly filled, then expired" : "expired",
                OrderOutcome.Rejected => "rejected: " + (result.Reasons.Count > 0 ? result.Reasons[0].Code : "no reason"),
                _ => result.Outcome.ToString().ToLowerInvariant() + ": " + (result.Reasons.Count > 0 ? result.Reasons[0].Code : ""),
            };
        }

        return results.GroupBy(Name).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.ToList()));
    }

    private static (string Expected, bool Ok) Expectation(DayScenario scenario, List<TrackedOrder> group)
    {
        bool Rejected(TrackedOrder o, params string[] codes) =>
            o.Result?.Outcome == OrderOutcome.Rejected && o.Result.Reasons.Any(r => Array.IndexOf(codes, r.Code) >= 0);
        bool Flagged(TrackedOrder o, string code) => o.Result?.RiskFlags.Any(f => f.Code == code) == true;
        int count;
        switch (scenario)
        {
            case DayScenario.Sanctioned:
                count = group.Count(o => Rejected(o, RiskReasonCodes.SanctionsExactMatch, RiskReasonCodes.SanctionsNearMatch));
                return ($"{count} of {group.Count} rejected by sanctions screening", count == group.Count);
            case DayScenario.RejectedJurisdiction:
                count = group.Count(o => Rejected(o, RiskReasonCodes.JurisdictionHighRisk));
                return ($"{count} of {group.Count} rejected: high-risk jurisdiction", count == group.Count);
            case DayScenario.FatFinger:
                count = group.Count(o => Rejected(o, RiskReasonCodes.PriceOutsideBand));
                return ($"{count} of {group.Count} rejected: price outside the band", count == group.Count);
            case DayScenario.Expiring:
                count = group.Count(o => o.Result?.Outcome == OrderOutcome.Expired);
                return ($"{count} of {group.Count} expired by the saga's timer", count == group.Count);
            case DayScenario.TraderCancel:
                count = group.Count(o => o.Result?.Outcome == OrderOutcome.Cancelled && o.Cancel == CancelSource.Trader);
                return ($"{count} of {group.Count} cancelled by their trader", count == group.Count);
            case DayScenario.LargeValue:
                var buys = group.Where(o => o.Plan.Request.Side == OrderSide.Buy).ToList();
                count = buys.Count(o => Flagged(o, RiskReasonCodes.AmlLargeValueSingle) && o.Result?.Outcome != OrderOutcome.Rejected);
                return ($"{count} of {buys.Count} individual buys flagged large-value, not rejected", count == buys.Count);
            case DayScenario.Structuring:
                var customers = group.Where(o => o.Plan.Request.Side == OrderSide.Buy)
                    .GroupBy(o => o.Plan.Request.AccountId).ToList();
                count = customers.Count(c => c.Any(o => Flagged(o, RiskReasonCodes.StructuringSuspected)));
                return ($"{count} of {customers.Count} customers flagged for structuring", count == customers.Count);
            case DayScenario.OverDailyLimit:
                var accounts = group.GroupBy(o => o.Plan.Request.AccountId).ToList();
                count = accounts.Count(a => a.Any(o => Rejected(o, RiskReasonCodes.LimitDailyNotionalExceeded)));
                return ($"{count} of {accounts.Count} corporates stopped at the daily limit", count == accounts.Count);
            case DayScenario.Market:
                count = group.Count(o => o.Result is { Outcome: not (OrderOutcome.Failed or OrderOutcome.Rejected or OrderOutcome.Expired) });
                var traded = group.Count(o => o.Result?.FilledQuantity > 0);
                return ($"{count} of {group.Count} ended unrejected, {traded} with fills", count == group.Count);
            default:
                count = group.Count(o => o.Result is { Outcome: not OrderOutcome.Failed });
                var filled = group.Count(o => o.Result?.FilledQuantity > 0);
                return ($"{count} of {group.Count} ended, {filled} with fills", count == group.Count);
        }
    }

    private static string Describe(DayScenario scenario) => scenario switch
    {
        DayScenario.Flow => "ordinary flow",
        DayScenario.TraderCancel => "cancelled by the trader",
        DayScenario.LargeValue => "large value (AML)",
        DayScenario.Structuring => "structuring (AML)",
        DayScenario.Sanctioned => "sanctioned customers",
        DayScenario.RejectedJurisdiction => "high-risk jurisdiction",
        DayScenario.FatFinger => "fat finger (price band)",
        DayScenario.Expiring => "good till date, expiring",
        DayScenario.OverDailyLimit => "over the daily notional limit",
        DayScenario.Market => "market orders",
        _ => scenario.ToString(),
    };

    private static void WriteLatency(TextWriter output, string what, IEnumerable<TrackedOrder> orders)
    {
        var seconds = orders.Select(o => (o.View!.LastUpdatedAt - o.View.CreatedAt).TotalSeconds).Order().ToArray();
        if (seconds.Length == 0)
        {
            Row(output, what, "0", "");
            return;
        }

        double Percentile(double p) => seconds[Math.Clamp((int)Math.Ceiling(p / 100 * seconds.Length) - 1, 0, seconds.Length - 1)];
        Row(output, what, seconds.Length.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(50):0.0} s, p99 {Percentile(99):0.0} s, max {seconds[^1]:0.0} s (backend clock)"));
    }

    private static bool NamesField(JsonElement? problem, string field) =>
        problem is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
        && errors.EnumerateObject().Any(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));

    private static void Row(TextWriter output, string a, string b, string c) => output.WriteLine($"  {a,-48} {b,8}  {c}");
}
