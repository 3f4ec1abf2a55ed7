using System.Globalization;

namespace Bourse.Orchestrations.RegulatoryReports;

/// <summary>
/// The input of <see cref="RegulatoryReportOrchestration"/>: one report type of one jurisdiction for one business day.
/// The caller (the API, the timer) turns the day into its instants in the business time zone, so the orchestration never
/// reads a clock or a time zone.
/// </summary>
public sealed record RegulatoryReportInput
{
    /// <summary>Who receives it (<c>US-FINCEN</c>).</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>The report type (<c>SAR</c>, <c>CTR</c>).</summary>
    public required string ReportType { get; init; }

    /// <summary>The business day reported.</summary>
    public required DateOnly ReportDate { get; init; }

    /// <summary>The first instant of the day in the business time zone.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>The first instant of the next day (exclusive end).</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>0 for the day's first filing; a correction is a new revision.</summary>
    public int Revision { get; init; }

    /// <summary>For a correction, the regulator's id of the filing it corrects.</summary>
    public string? PriorDocumentNumber { get; init; }

    /// <summary>Whether a valid file goes to the regulator (false: assemble, validate and archive only).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Submit { get; init; } = true;

    /// <summary>The activities' attempts (exponential backoff from <see cref="FirstRetryInterval"/>).</summary>
    /// <value>The default value is 5.</value>
    public int ActivityMaxAttempts { get; init; } = 5;

    /// <summary>The first retry's delay.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan FirstRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The instance id of a report run: jurisdiction, type, day and revision, so that generating a day again finds the
    /// run that exists instead of filing twice.
    /// </summary>
    public static string InstanceIdOf(string jurisdiction, string reportType, DateOnly reportDate, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"report-{jurisdiction}-{reportType}-{reportDate:yyyy-MM-dd}-r{revision}").ToLowerInvariant();

    /// <summary>This run's instance id (<see cref="InstanceIdOf"/>).</summary>
    public string InstanceId => InstanceIdOf(Jurisdiction, ReportType, ReportDate, Revision);

    /// <summary>The report file's name: what the regulator receives and the archive keeps.</summary>
    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{Jurisdiction}_{ReportType}_{ReportDate:yyyyMMdd}_r{Revision}.xml");
}
