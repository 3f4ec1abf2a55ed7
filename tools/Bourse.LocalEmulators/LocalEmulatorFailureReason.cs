namespace Bourse.LocalEmulators;

/// <summary>Why a local emulator could not be installed, started or reached.</summary>
public enum LocalEmulatorFailureReason
{
    /// <summary>The <c>tools/local-emulators</c> folder (its <c>package.json</c>) was not found.</summary>
    ToolsNotFound,

    /// <summary>The Node.js or npm executable could not be started.</summary>
    NodeNotFound,

    /// <summary><c>npm ci</c> failed, timed out, or another process held the install lock for too long.</summary>
    InstallFailed,

    /// <summary>The emulator process exited before it said it was ready.</summary>
    ExitedBeforeReady,

    /// <summary>The emulator process did not say it was ready within the start timeout.</summary>
    StartTimedOut,
}
