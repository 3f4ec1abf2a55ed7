using System.Security.Cryptography;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.RegulatoryReports.Activities;

/// <summary>What to deliver: an archived file.</summary>
public sealed record SubmitRequest(string Jurisdiction, string ArchivePath, string FileName, string Sha256);

/// <summary>
/// Delivers the archived file to the regulator's gateway. It reads the archive, not the staging area, and checks the
/// SHA-256 the audit trail holds: what leaves is exactly what was archived.
/// </summary>
public sealed class SubmitReportActivity(IReportFiles files, IRegulatorGateway gateway) : ISagaActivity<SubmitRequest, SubmissionReceipt>
{
    /// <inheritdoc/>
    public async Task<SubmissionReceipt> RunAsync(SubmitRequest input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var content = await files.ReadArchivedAsync(input.ArchivePath, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The archived report {input.ArchivePath} is missing.");
        string sha = Convert.ToHexStringLower(SHA256.HashData(content));
        if (!string.Equals(sha, input.Sha256, StringComparison.Ordinal))
        {
            throw new ReportArchiveConflictException($"The archived report {input.ArchivePath} has SHA-256 {sha}, the audit trail {input.Sha256}.");
        }

        return await gateway.SubmitAsync(input.Jurisdiction, input.FileName, content, sha, cancellationToken).ConfigureAwait(false);
    }
}
