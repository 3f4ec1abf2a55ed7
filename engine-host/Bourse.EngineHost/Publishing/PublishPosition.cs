namespace Bourse.EngineHost.Publishing;

/// <summary>A point in one instrument's published stream: after a command, with the hubs' message sequences there.</summary>
/// <param name="CommandSequence">Every command up to this one has all its messages accepted.</param>
/// <param name="ExecutionsSequence">The last message sequence on the executions hub after that command (0: none yet).</param>
/// <param name="BookUpdatesSequence">The last message sequence on the book-updates hub after that command.</param>
internal readonly record struct PublishPosition(long CommandSequence, long ExecutionsSequence, long BookUpdatesSequence)
{
    /// <summary>Nothing published yet.</summary>
    public static PublishPosition Start => default;

    /// <summary>The last message sequence of <paramref name="stream"/>.</summary>
    public long LastSequence(PublishStream stream) => stream == PublishStream.Executions ? ExecutionsSequence : BookUpdatesSequence;
}
