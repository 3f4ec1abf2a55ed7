using System.Collections.Concurrent;
using System.Security.Cryptography;
using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.Tests.Support;

/// <summary>Staging and archive in memory, with the archive's write-once rule.</summary>
internal sealed class InMemoryReportFiles : IReportFiles
{
    public ConcurrentDictionary<string, byte[]> Staged { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, byte[]> Archived { get; } = new(StringComparer.Ordinal);

    public Task StageAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        Staged[path] = content.ToArray();
        return Task.CompletedTask;
    }

    public Task<byte[]?> ReadStagedAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(Staged.GetValueOrDefault(path));

    public Task<bool> ArchiveAsync(string stagedPath, string archivePath, string sha256, CancellationToken cancellationToken = default)
    {
        var content = Staged[stagedPath];
        if (Convert.ToHexStringLower(SHA256.HashData(content)) != sha256)
        {
            throw new ReportArchiveConflictException("staged content changed");
        }

        if (Archived.TryAdd(archivePath, content))
        {
            return Task.FromResult(true);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Archived[archivePath])) == sha256
            ? Task.FromResult(false)
            : throw new ReportArchiveConflictException("other content archived under " + archivePath);
    }

    public Task<byte[]?> ReadArchivedAsync(string archivePath, CancellationToken cancellationToken = default) => Task.FromResult(Archived.GetValueOrDefault(archivePath));
}

internal sealed class InMemoryReportAudit : IReportAuditTrail
{
    public ConcurrentDictionary<string, ReportAuditRecord> Records { get; } = new(StringComparer.Ordinal);

    public Task<ReportAuditRecord> RecordAsync(ReportAuditRecord record, CancellationToken cancellationToken = default) =>
        Task.FromResult(Records.GetOrAdd(record.ReportId, record));
}

/// <summary>The regulator's side: every delivery, kept by file name.</summary>
internal sealed class InMemoryRegulator : IRegulatorGateway
{
    public ConcurrentDictionary<string, byte[]> Received { get; } = new(StringComparer.Ordinal);

    public int Deliveries;

    public Task<SubmissionReceipt> SubmitAsync(string jurisdiction, string fileName, ReadOnlyMemory<byte> content, string sha256, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Deliveries);
        bool first = Received.TryAdd(jurisdiction + "/" + fileName, content.ToArray());
        return Task.FromResult(new SubmissionReceipt(jurisdiction + "/" + fileName, AlreadySubmitted: !first));
    }
}
