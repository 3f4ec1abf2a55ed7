namespace Bourse.EngineHost.Commands;

/// <summary>A <c>bourse-commands v1</c> stream is malformed. The message starts with <c>line N:</c>.</summary>
internal sealed class CommandStreamFormatException : FormatException
{
    public CommandStreamFormatException()
    {
    }

    public CommandStreamFormatException(string message)
        : base(message)
    {
    }

    public CommandStreamFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="lineNumber">The 1-based number of the offending line; the header is line 1.</param>
    /// <param name="detail">What is wrong, naming the field at fault.</param>
    public CommandStreamFormatException(long lineNumber, string detail)
        : base($"line {lineNumber}: {detail}")
    {
        LineNumber = lineNumber;
    }

    /// <summary>The 1-based number of the offending line (the header is line 1); 0 when not known.</summary>
    public long LineNumber { get; }
}
