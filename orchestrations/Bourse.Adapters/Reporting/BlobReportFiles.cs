using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Bourse.Orchestrations.Ports;

namespace Bourse.Adapters.Reporting;

/// <summary>
/// The report files on Blob storage: a staging container (rewritten freely) and an archive container written once per
/// name. In Azure the archive container also carries a time-based immutability policy (the Bicep templates); the code
/// refuses to overwrite on its own, so Azurite, which has no such policy, behaves the same.
/// </summary>
public sealed class BlobReportFiles(BlobContainerClient staging, BlobContainerClient archive, bool createContainers = false) : IReportFiles
{
    private Task? _containersReady;

    /// <summary>The SHA-256 as blob metadata, so that a retried archive compares without reading the content.</summary>
    public const string Sha256Metadata = "sha256";

    // Once per process in local mode; a failed attempt (Azurite still starting) is tried again by the next call.
    private Task EnsureContainersAsync()
    {
        if (!createContainers)
        {
            return Task.CompletedTask;
        }

        var ready = _containersReady;
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            ready = CreateBothAsync(staging, archive);
            _containersReady = ready;
        }

        return ready;
    }

    private static async Task CreateBothAsync(BlobContainerClient staging, BlobContainerClient archive)
    {
        await staging.CreateIfNotExistsAsync().ConfigureAwait(false);
        await archive.CreateIfNotExistsAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task StageAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        await EnsureContainersAsync().ConfigureAwait(false);
        await staging.GetBlobClient(path).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<byte[]?> ReadStagedAsync(string path, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync().ConfigureAwait(false);
        return await ReadAsync(staging, path, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<byte[]?> ReadArchivedAsync(string archivePath, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync().ConfigureAwait(false);
        return await ReadAsync(archive, archivePath, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<bool> ArchiveAsync(string stagedPath, string archivePath, string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stagedPath);
        ArgumentException.ThrowIfNullOrEmpty(archivePath);
        ArgumentException.ThrowIfNullOrEmpty(sha256);
        await EnsureContainersAsync().ConfigureAwait(false);
        var target = archive.GetBlobClient(archivePath);
        var existing = await ArchivedShaAsync(target, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return SameOrThrow(existing, sha256, archivePath);
        }

        var content = await ReadStagedAsync(stagedPath, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The staged report {stagedPath} is missing.");
        string actual = Convert.ToHexStringLower(SHA256.HashData(content));
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
        {
            throw new ReportArchiveConflictException($"The staged report {stagedPath} has SHA-256 {actual}, not {sha256}: it changed after it was validated.");
        }

        try
        {
            await target.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [Sha256Metadata] = sha256 },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another attempt archived it between the check and the upload.
            return SameOrThrow(await ArchivedShaAsync(target, cancellationToken).ConfigureAwait(false) ?? string.Empty, sha256, archivePath);
        }
    }

    private static bool SameOrThrow(string archived, string sha256, string archivePath) =>
        string.Equals(archived, sha256, StringComparison.Ordinal)
            ? false
            : throw new ReportArchiveConflictException(
                $"The archive holds other content under {archivePath} (SHA-256 {archived}, not {sha256}); file a correction as a new revision.");

    private static async Task<string?> ArchivedShaAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.Metadata.TryGetValue(Sha256Metadata, out var sha) ? sha : string.Empty;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static async Task<byte[]?> ReadAsync(BlobContainerClient container, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var download = await container.GetBlobClient(path).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
