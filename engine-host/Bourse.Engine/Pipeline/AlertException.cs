namespace Bourse.Engine.Pipeline;

/// <summary>
/// Thrown by <see cref="SequenceBarrier.WaitFor"/> when the barrier has been alerted, to get a consumer out of a wait
/// so that it can stop (see <see cref="BatchEventProcessor{T, THandler}.Halt"/>).
/// </summary>
/// <remarks>
/// An exception rather than a sentinel return value because it is only ever thrown on the way to stopping a
/// consumer, and a sentinel would be one more branch on every batch that a caller could forget. Not a boundary
/// exception: it never leaves the pipeline.
/// </remarks>
public sealed class AlertException : Exception
{
    public AlertException()
        : base("The sequence barrier was alerted.")
    {
    }

    public AlertException(string message)
        : base(message)
    {
    }

    public AlertException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
