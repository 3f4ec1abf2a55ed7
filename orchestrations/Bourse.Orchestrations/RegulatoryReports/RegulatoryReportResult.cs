namespace Bourse.Orchestrations.RegulatoryReports;

/// <summary>Where a report run stands (its custom status while it runs, the stage of its result at the end).</summary>
public static class ReportStages
{
    /// <summary>Reading the day's flags and decisions.</summary>
    public const string Collecting = nameof(Collecting);

    /// <summary>Writing and validating the XML.</summary>
    public const string Assembling = nameof(Assembling);

    /// <summary>Writing the file to the archive and the audit trail.</summary>
    public const string Archiving = nameof(Archiving);

    /// <summary>Delivering the file to the regulator.</summary>
    public const string Submitting = nameof(Submitting);

    /// <summary>End: the day had nothing this report takes; no file.</summary>
    public const string NothingToReport = nameof(NothingToReport);

    /// <summary>End: archived, and not delivered because the input said so.</summary>
    public const string Archived = nameof(Archived);

    /// <summary>End: the file failed the regulator's schema; archived for the record, not delivered. Fix the data or the
    /// format, then file a new revision.</summary>
    public const string Invalid = nameof(Invalid);

    /// <summary>End: the data could not be written as this format (a missing rate or datum); no file.</summary>
    public const string AssemblyFailed = nameof(AssemblyFailed);

    /// <summary>End: delivered to the regulator.</summary>
    public const string Submitted = nameof(Submitted);
}

/// <summary>The custom status of a running report.</summary>
/// <param name="Stage">One of <see cref="ReportStages"/>.</param>
/// <param name="Records">Transactions selected so far (0 before collection ends).</param>
public sealed record RegulatoryReportStatus(string Stage, int Records);

/// <summary>What a report run did.</summary>
/// <param name="Stage">Its end (<see cref="ReportStages"/>).</param>
/// <param name="Records">Transactions reported.</param>
/// <param name="Customers">Distinct customers among them.</param>
/// <param name="FileName">The file's name, when one was written.</param>
/// <param name="ArchivePath">Where it is archived.</param>
/// <param name="Sha256">Its SHA-256 (lowercase hex).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="SchemaErrors">What the regulator's schema found (errors and warnings); empty when valid.</param>
/// <param name="SubmissionReference">The gateway's reference, once delivered.</param>
/// <param name="Failure">Why assembly failed, for <see cref="ReportStages.AssemblyFailed"/>.</param>
public sealed record RegulatoryReportResult(
    string Stage,
    int Records,
    int Customers,
    string? FileName,
    string? ArchivePath,
    string? Sha256,
    long Bytes,
    IReadOnlyList<ReportSchemaFinding> SchemaErrors,
    string? SubmissionReference,
    string? Failure);

/// <summary>One schema finding, as the result carries it.</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Position">1-based column.</param>
/// <param name="IsError">An error rather than a warning.</param>
/// <param name="Message">The validator's message.</param>
public sealed record ReportSchemaFinding(int Line, int Position, bool IsError, string Message);
