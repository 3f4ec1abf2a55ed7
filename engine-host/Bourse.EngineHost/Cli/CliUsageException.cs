namespace Bourse.EngineHost.Cli;

/// <summary>The command line is wrong (unknown verb, unknown or missing option, bad value): exit code 2.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
