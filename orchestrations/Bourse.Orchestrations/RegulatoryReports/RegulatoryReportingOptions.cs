using Bourse.Domain.Reporting;

namespace Bourse.Orchestrations.RegulatoryReports;

/// <summary>The regulatory reports' settings: section <c>RegulatoryReports</c>.</summary>
public sealed class RegulatoryReportingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RegulatoryReports";

    /// <summary>The directory holding the regulators' XSDs (compliance drops the current versions there);
    /// <see langword="null"/>: the host looks for the repository's reference copy (local runs, tests).</summary>
    public string? SchemaDirectory { get; set; }

    /// <summary>Who files. Required to assemble a report.</summary>
    public ReportFiler? Filer { get; set; }

    /// <summary>Units of the report's currency per unit of each transaction currency (FinCEN: USD per CNY).</summary>
    public IDictionary<string, decimal> ExchangeRates { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>The reports the timer files each business day, as <c>JURISDICTION/TYPE</c> (<c>US-FINCEN/SAR</c>).</summary>
    public IList<string> Scheduled { get; } = [];

    /// <summary>The time zone of the business day (IANA id).</summary>
    /// <value>The default value is <c>Asia/Shanghai</c>.</value>
    public string BusinessTimeZone { get; set; } = "Asia/Shanghai";
}
