namespace Bourse.EngineHost.Cli;

/// <summary>The process exit codes of <c>bourse-engine</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The verb ran and failed (an unreadable or unwritable file, a malformed stream).</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: unknown verb, unknown or missing option, bad value.</summary>
    public const int Usage = 2;
}
