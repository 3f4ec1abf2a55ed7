using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Bourse.LocalEmulators.Processes;

/// <summary>Sends SIGTERM, which <see cref="System.Diagnostics.Process"/> cannot (its Kill is SIGKILL).</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;
    private const int NoSuchProcess = 3; // ESRCH

    /// <summary>Asks the process to stop; returns false if it is already gone.</summary>
    public static bool TryTerminate(int processId)
    {
        if (Kill(processId, SigTerm) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == NoSuchProcess ? false : throw new Win32Exception(errno, $"kill({processId}, SIGTERM) failed");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
