namespace Bourse.Orchestrations.RegulatoryReports.Activities;

/// <summary>The registered names of the report's activities.</summary>
public static class RegulatoryReportActivityNames
{
    /// <summary><see cref="CollectReportableActivity"/>.</summary>
    public const string CollectReportable = nameof(CollectReportable);

    /// <summary><see cref="AssembleReportActivity"/>.</summary>
    public const string AssembleReport = nameof(AssembleReport);

    /// <summary><see cref="ArchiveReportActivity"/>.</summary>
    public const string ArchiveReport = nameof(ArchiveReport);

    /// <summary><see cref="SubmitReportActivity"/>.</summary>
    public const string SubmitReport = nameof(SubmitReport);
}
