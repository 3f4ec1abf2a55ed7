namespace Bourse.BackOfficeApi.Contracts;

/// <summary>The body of <c>POST /api/reports</c>: one report type of one jurisdiction for one business day.</summary>
public sealed record StartReportRequest
{
    /// <summary>The business day (<c>yyyy-MM-dd</c>), not after today in the business time zone.</summary>
    public DateOnly? ReportDate { get; init; }

    /// <summary>The jurisdiction (<c>US-FINCEN</c>).</summary>
    public string? Jurisdiction { get; init; }

    /// <summary>The report type (<c>SAR</c>, <c>CTR</c>).</summary>
    public string? ReportType { get; init; }

    /// <summary>0 (the default) for the day's first filing; a correction is a higher revision and names
    /// <see cref="PriorDocumentNumber"/>.</summary>
    public int? Revision { get; init; }

    /// <summary>The regulator's id of the filing a correction corrects.</summary>
    public string? PriorDocumentNumber { get; init; }

    /// <summary>Whether a valid file goes to the regulator (default true; false: assemble, validate and archive only).</summary>
    public bool? Submit { get; init; }
}
