namespace Bourse.LocalEmulators;

/// <summary>A local emulator could not be installed or started; <see cref="Reason"/> says which step failed.</summary>
/// <remarks>The message names the command that was run and ends with what the process wrote to standard error.</remarks>
public sealed class LocalEmulatorException : Exception
{
    public LocalEmulatorException(LocalEmulatorFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Which step failed.</summary>
    public LocalEmulatorFailureReason Reason { get; }

    /// <summary>
    /// Whether trying again may succeed: a start that timed out on a busy machine may not time out the next time;
    /// a missing tool or a failing install will fail the same way.
    /// </summary>
    public bool IsTransient => Reason == LocalEmulatorFailureReason.StartTimedOut;
}
