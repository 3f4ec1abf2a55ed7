namespace Bourse.Adapters.Reporting;

/// <summary>Where the report files go: section <c>RegulatoryReports</c> (the same section as the reports' own settings).</summary>
public sealed class ReportAdapterOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RegulatoryReports";

    /// <summary>The Blob container of the staged selections and files.</summary>
    /// <value>The default value is <c>report-staging</c>.</value>
    public string StagingContainer { get; set; } = "report-staging";

    /// <summary>The Blob container of the archived files (immutable in Azure).</summary>
    /// <value>The default value is <c>report-archive</c>.</value>
    public string ArchiveContainer { get; set; } = "report-archive";

    /// <summary>Create the containers on first use: local mode (in Azure the templates create them).</summary>
    public bool CreateContainers { get; set; }

    /// <summary>The regulator's drop folder (<see cref="DropFolderRegulatorGateway"/>); required to submit.</summary>
    public string? DropFolder { get; set; }
}
