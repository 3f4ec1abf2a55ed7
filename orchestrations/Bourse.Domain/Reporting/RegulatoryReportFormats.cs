using System.Diagnostics.CodeAnalysis;
using Bourse.Domain.Reporting.FinCen;

namespace Bourse.Domain.Reporting;

/// <summary>The report formats the back office writes, keyed by (jurisdiction, report type). They are stateless: one instance each.</summary>
public static class RegulatoryReportFormats
{
    /// <summary>Every format, in a stable order (FinCEN SAR, FinCEN CTR).</summary>
    public static IReadOnlyList<IRegulatoryReportFormat> All { get; } = [new FinCenSarFormat(), new FinCenCtrFormat()];

    // Declared after All: static initializers run in textual order. ToDictionary throws on a duplicate key.
    private static readonly Dictionary<(string Jurisdiction, string ReportType), IRegulatoryReportFormat> ByKey =
        All.ToDictionary(f => (f.Jurisdiction, f.ReportType));

    /// <summary>The format for <paramref name="jurisdiction"/> and <paramref name="reportType"/> (exact, case-sensitive codes).</summary>
    public static bool TryGet(string jurisdiction, string reportType, [NotNullWhen(true)] out IRegulatoryReportFormat? format) =>
        ByKey.TryGetValue((jurisdiction, reportType), out format);

    /// <summary>The format for <paramref name="jurisdiction"/> and <paramref name="reportType"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such format; the message lists the known ones.</exception>
    public static IRegulatoryReportFormat Get(string jurisdiction, string reportType) =>
        TryGet(jurisdiction, reportType, out IRegulatoryReportFormat? format)
            ? format
            : throw new KeyNotFoundException(
                $"No report format for {jurisdiction}/{reportType}; known: {string.Join(", ", All.Select(f => $"{f.Jurisdiction}/{f.ReportType}"))}");
}
