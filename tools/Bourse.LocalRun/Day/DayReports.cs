using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Bourse.BackOfficeApi.Contracts;
using Bourse.Domain.Reporting;
using Bourse.Orchestrations.RegulatoryReports;

namespace Bourse.LocalRun.Day;

/// <summary>One report of the day as filed through the API, with what the day itself found in the delivered file.</summary>
/// <param name="Jurisdiction">Who receives it.</param>
/// <param name="ReportType">The report type.</param>
/// <param name="ReportDate">The business day.</param>
/// <param name="View">The run's last status.</param>
/// <param name="Result">Its result, once completed.</param>
/// <param name="DeliveredFile">The file in the regulator's drop folder, when one was delivered.</param>
/// <param name="DeliveredSha256">That file's SHA-256, as read back.</param>
/// <param name="Revalidation">What the regulator's XSD finds in the delivered file, validated again here.</param>
internal sealed record FiledReport(
    string Jurisdiction, string ReportType, DateOnly ReportDate, ReportView View, RegulatoryReportResult? Result,
    string? DeliveredFile, string? DeliveredSha256, IReadOnlyList<SchemaValidationError> Revalidation);

/// <summary>
/// Files the day's regulatory reports the way compliance does: <c>POST /api/reports</c> for each report type and each
/// business day the session touched, follows each run to its end, then reads the delivered file from the regulator's drop
/// folder and validates it again against the official XSD (the back office validated it before it left; this checks
/// what arrived).
/// </summary>
internal static class DayReports
{
    /// <summary>The reports the day files.</summary>
    public static readonly IReadOnlyList<(string Jurisdiction, string ReportType)> Filed = [("US-FINCEN", "SAR"), ("US-FINCEN", "CTR")];

    private static readonly JsonSerializerOptions ResultJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The business days (Asia/Shanghai, the local host's business time zone) from <paramref name="since"/> to <paramref name="until"/>.</summary>
    public static IReadOnlyList<DateOnly> BusinessDays(DateTimeOffset since, DateTimeOffset until, TimeZoneInfo zone)
    {
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(since, zone).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(until, zone).DateTime);
        var days = new List<DateOnly>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            days.Add(day);
        }

        return days;
    }

    public static async Task<IReadOnlyList<FiledReport>> FileAsync(
        BackOfficeClient client, IReadOnlyList<DateOnly> days, string dropFolder, IRegulatorySchemaValidator schemas,
        IReadOnlyDictionary<(string, string), string> schemaFiles, CancellationToken cancellationToken)
    {
        var paths = new List<(string Jurisdiction, string Type, DateOnly Day, string Path)>();
        foreach (var day in days)
        {
            foreach (var (jurisdiction, type) in Filed)
            {
                var path = await client.StartReportAsync(
                    new StartReportRequest { ReportDate = day, Jurisdiction = jurisdiction, ReportType = type }, cancellationToken).ConfigureAwait(false);
                paths.Add((jurisdiction, type, day, path));
            }
        }

        var filed = new List<FiledReport>();
        foreach (var (jurisdiction, type, day, path) in paths)
        {
            var view = await FollowAsync(client, path, cancellationToken).ConfigureAwait(false);
            var result = view.Result?.Deserialize<RegulatoryReportResult>(ResultJson);
            string? delivered = null;
            string? sha = null;
            IReadOnlyList<SchemaValidationError> findings = [];
            if (result is { FileName: { } name } && File.Exists(Path.Combine(dropFolder, jurisdiction, name)))
            {
                delivered = Path.Combine(dropFolder, jurisdiction, name);
                var bytes = await File.ReadAllBytesAsync(delivered, cancellationToken).ConfigureAwait(false);
                sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
                using var stream = new MemoryStream(bytes);
                findings = schemas.Validate(schemaFiles[(jurisdiction, type)], stream);
            }

            filed.Add(new FiledReport(jurisdiction, type, day, view, result, delivered, sha, findings));
        }

        return filed;
    }

    private static async Task<ReportView> FollowAsync(BackOfficeClient client, string path, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var view = await client.GetReportAsync(path, cancellationToken).ConfigureAwait(false);
            if (view.RuntimeStatus is "Completed" or "Failed" or "Terminated" || waited.Elapsed > TimeSpan.FromMinutes(5))
            {
                return view;
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A short form of a SHA-256 for the table.</summary>
    public static string Short(string? sha) => sha is { Length: > 12 } ? sha[..12] : sha ?? "-";

    /// <summary>The day in the table's form.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
