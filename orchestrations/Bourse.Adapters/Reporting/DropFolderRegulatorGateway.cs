using System.Security.Cryptography;
using Bourse.Orchestrations.Ports;

namespace Bourse.Adapters.Reporting;

/// <summary>
/// Delivers report files to the regulator's drop folder: a directory per jurisdiction, as with FinCEN's Secure Direct
/// Transfer Mode (batch files placed in a mailbox the regulator collects from; on a VM a mounted share or an SFTP mirror,
/// locally a plain directory). A file appears whole or not at all (written beside it, then renamed), and never twice:
/// the same file again answers the first delivery; other content under a delivered name is refused.
/// </summary>
public sealed class DropFolderRegulatorGateway(string outboxDirectory) : IRegulatorGateway
{
    /// <inheritdoc/>
    public async Task<SubmissionReceipt> SubmitAsync(
        string jurisdiction, string fileName, ReadOnlyMemory<byte> content, string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jurisdiction);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        if (fileName.IndexOfAny(['/', '\\']) >= 0 || jurisdiction.IndexOfAny(['/', '\\', '.']) >= 0)
        {
            throw new ArgumentException($"'{jurisdiction}/{fileName}' is not a plain jurisdiction and file name.", nameof(fileName));
        }

        string directory = Path.Combine(outboxDirectory, jurisdiction);
        Directory.CreateDirectory(directory);
        string target = Path.Combine(directory, fileName);
        string reference = jurisdiction + "/" + fileName;
        if (File.Exists(target))
        {
            return Delivered(target, sha256, reference);
        }

        string partial = target + "." + Environment.ProcessId + "." + Environment.CurrentManagedThreadId + ".partial";
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
        {
            await file.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(partial, target, overwrite: false);
            return new SubmissionReceipt(reference, AlreadySubmitted: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(partial);
            return Delivered(target, sha256, reference);
        }
    }

    private static SubmissionReceipt Delivered(string target, string sha256, string reference)
    {
        string delivered = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(target)));
        return string.Equals(delivered, sha256, StringComparison.Ordinal)
            ? new SubmissionReceipt(reference, AlreadySubmitted: true)
            : throw new ReportArchiveConflictException($"{reference} was delivered with other content (SHA-256 {delivered}, not {sha256}).");
    }
}
