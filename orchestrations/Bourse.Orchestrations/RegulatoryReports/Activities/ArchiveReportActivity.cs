using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.RegulatoryReports.Activities;

/// <summary>What to archive: the staged file and the audit record to keep with it.</summary>
public sealed record ArchiveRequest(string StagedPath, ReportAuditRecord Record);

/// <summary>
/// Copies the staged file into the archive under its final name, once (the archive refuses other content under an archived
/// name), then records it in the audit trail with its SHA-256. Both steps are idempotent, so a retry after either one
/// lands once.
/// </summary>
public sealed class ArchiveReportActivity(IReportFiles files, IReportAuditTrail audit) : ISagaActivity<ArchiveRequest, ReportAuditRecord>
{
    /// <inheritdoc/>
    public async Task<ReportAuditRecord> RunAsync(ArchiveRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await files.ArchiveAsync(input.StagedPath, input.Record.ArchivePath, input.Record.Sha256, cancellationToken).ConfigureAwait(false);
        return await audit.RecordAsync(input.Record, cancellationToken).ConfigureAwait(false);
    }
}
