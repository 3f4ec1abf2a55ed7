namespace Bourse.Orchestrations.Ports;

/// <summary>Where the regulatory reports read the flags of a day (the flags that <see cref="IRegulatoryFlagSink"/> recorded).</summary>
public interface IRegulatoryFlagSource
{
    /// <summary>The flags of orders judged in [<paramref name="since"/>, <paramref name="until"/>).</summary>
    Task<IReadOnlyList<RegulatoryFlag>> GetFlagsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}

/// <summary>
/// The report files: a staging area for what a report run produces, and the archive, where a file is written once and
/// never replaced (in Azure, a container with an immutability policy; the code also refuses to overwrite).
/// </summary>
public interface IReportFiles
{
    /// <summary>Writes (or rewrites) the staged file <paramref name="path"/>.</summary>
    Task StageAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The staged file <paramref name="path"/>, or <see langword="null"/> when there is none.</summary>
    Task<byte[]?> ReadStagedAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies the staged file <paramref name="stagedPath"/> to the archive as <paramref name="archivePath"/>, once. Archiving
    /// the same content again (a retried activity) is harmless; other content under an archived name is refused.
    /// </summary>
    /// <returns>Whether this call wrote it (false: it was archived before with the same SHA-256).</returns>
    /// <exception cref="ReportArchiveConflictException">The archive holds other content under <paramref name="archivePath"/>.</exception>
    Task<bool> ArchiveAsync(string stagedPath, string archivePath, string sha256, CancellationToken cancellationToken = default);

    /// <summary>The archived file <paramref name="archivePath"/>, or <see langword="null"/>.</summary>
    Task<byte[]?> ReadArchivedAsync(string archivePath, CancellationToken cancellationToken = default);
}

/// <summary>The archive holds other content under a report's name: a report is never replaced, only corrected by a new revision.</summary>
public sealed class ReportArchiveConflictException : Exception
{
    public ReportArchiveConflictException() { }

    public ReportArchiveConflictException(string message) : base(message) { }

    public ReportArchiveConflictException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The audit trail of the reports: one record per archived file, written once.</summary>
public interface IReportAuditTrail
{
    /// <summary>Records <paramref name="record"/>; recording the same report again keeps the first record (first write wins).</summary>
    /// <returns>The record kept.</returns>
    Task<ReportAuditRecord> RecordAsync(ReportAuditRecord record, CancellationToken cancellationToken = default);
}

/// <summary>What the audit trail keeps about an archived report.</summary>
/// <param name="ReportId">The report run (its orchestration instance id).</param>
/// <param name="Jurisdiction">Who receives it.</param>
/// <param name="ReportType">The report type.</param>
/// <param name="ReportDate">The business day reported.</param>
/// <param name="Revision">0 for the first filing.</param>
/// <param name="ArchivePath">Where the file is archived.</param>
/// <param name="Sha256">The file's SHA-256, lowercase hex.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="Records">Transactions reported.</param>
/// <param name="SchemaErrors">Errors found validating it against the regulator's schema (0: valid).</param>
/// <param name="ArchivedAt">When it was archived (orchestration time).</param>
public sealed record ReportAuditRecord(
    string ReportId, string Jurisdiction, string ReportType, DateOnly ReportDate, int Revision, string ArchivePath, string Sha256, long Bytes,
    int Records, int SchemaErrors, DateTimeOffset ArchivedAt);

/// <summary>
/// The regulator's gateway: delivers a report file. Idempotent by file name: delivering a file that was delivered
/// before with the same content answers the first delivery's receipt.
/// </summary>
public interface IRegulatorGateway
{
    /// <summary>Delivers <paramref name="content"/> as <paramref name="fileName"/> to <paramref name="jurisdiction"/>'s regulator.</summary>
    Task<SubmissionReceipt> SubmitAsync(string jurisdiction, string fileName, ReadOnlyMemory<byte> content, string sha256, CancellationToken cancellationToken = default);
}

/// <summary>The gateway's answer to a delivery.</summary>
/// <param name="Reference">The gateway's reference of the delivery.</param>
/// <param name="AlreadySubmitted">The same file had been delivered before (a retry); nothing was sent again.</param>
public sealed record SubmissionReceipt(string Reference, bool AlreadySubmitted);
