using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Bourse.Engine.Journal;

/// <summary>
/// Makes a directory's entries durable: an fsync of the directory itself, after a file was created or renamed in it.
/// </summary>
/// <remarks>
/// An fsync of a new file makes its data durable, not necessarily the directory entry that names it: POSIX leaves
/// that to an fsync of the directory, and a power loss before it may lose the name (ext4 and XFS usually commit it
/// with the file's fsync; the journal does not rely on that). The BCL cannot open a directory handle, so this opens
/// it through libc. Windows: nothing to do (NTFS journals directory changes as metadata, and a directory cannot be
/// flushed with FlushFileBuffers without backup privileges).
/// </remarks>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    /// <summary>Fsyncs <paramref name="directory"/>.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced (the OS error is the inner exception).</exception>
    public static void Flush(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, ReadOnly | CloseOnExec);
        if (fd < 0)
        {
            throw Failure("open", directory);
        }

        try
        {
            if (FSync(fd) != 0)
            {
                throw Failure("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // Linux's O_CLOEXEC (the same on x64 and arm64); elsewhere none: the descriptor lives for one fsync.
    private static int CloseOnExec => OperatingSystem.IsLinux() ? 0x80000 : 0;

    private static IOException Failure(string call, string directory)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} of the directory '{directory}' failed: errno {errno}.", new Win32Exception(errno));
    }

    // int open(const char *pathname, int flags); a descriptor or -1 and errno.
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    // int fsync(int fd); 0 or -1 and errno.
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    // int close(int fd).
    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
