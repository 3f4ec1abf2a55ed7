using Bourse.Domain.Reporting;

namespace Bourse.Orchestrations.RegulatoryReports;

/// <summary>The report formats a host knows, by jurisdiction and type (the plug-ins registered in its services).</summary>
public sealed class RegulatoryReportFormatCatalog(IEnumerable<IRegulatoryReportFormat> formats)
{
    private readonly Dictionary<(string, string), IRegulatoryReportFormat> _formats =
        formats.ToDictionary(f => (f.Jurisdiction, f.ReportType));

    /// <summary>Every format, ordered by jurisdiction and type.</summary>
    public IReadOnlyList<IRegulatoryReportFormat> All =>
        [.. _formats.Values.OrderBy(f => f.Jurisdiction, StringComparer.Ordinal).ThenBy(f => f.ReportType, StringComparer.Ordinal)];

    /// <summary>The format of <paramref name="jurisdiction"/> and <paramref name="reportType"/>, or <see langword="null"/>.</summary>
    public IRegulatoryReportFormat? Find(string jurisdiction, string reportType) =>
        _formats.GetValueOrDefault((jurisdiction, reportType));

    /// <summary>The format of <paramref name="jurisdiction"/> and <paramref name="reportType"/>.</summary>
    /// <exception cref="ArgumentException">No such format is registered (a caller's mistake: not retried).</exception>
    public IRegulatoryReportFormat Get(string jurisdiction, string reportType) =>
        Find(jurisdiction, reportType) ?? throw new ArgumentException($"No report format {jurisdiction}/{reportType} is registered.", nameof(reportType));
}
