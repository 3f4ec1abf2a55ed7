using System.Globalization;

namespace Bourse.LocalEmulators.Tests.Support;

/// <summary>Whether a process id still names a running process, from /proc (a zombie has exited: only its parent has
/// not collected it yet).</summary>
internal static class ProcessState
{
    public static bool IsRunning(int processId)
    {
        var stat = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            // "pid (comm) S ...": the state follows the command name's closing parenthesis.
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>Polls until the process has exited or <paramref name="within"/> has passed.</summary>
    public static async Task<bool> ExitsWithinAsync(int processId, TimeSpan within)
    {
        var deadline = Environment.TickCount64 + (long)within.TotalMilliseconds;
        while (IsRunning(processId))
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
