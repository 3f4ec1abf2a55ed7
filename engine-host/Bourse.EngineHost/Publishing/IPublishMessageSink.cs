namespace Bourse.EngineHost.Publishing;

/// <summary>Where an <see cref="IEventBodyEncoder"/> puts the messages of a command.</summary>
internal interface IPublishMessageSink
{
    /// <summary>
    /// The per-instrument sequence the next message of <paramref name="stream"/> gets (its <c>bourse-sequence</c>):
    /// gap-free per instrument and hub, from 1. Write it into the body if the contract carries it, then
    /// <see cref="Add"/> the message.
    /// </summary>
    long NextSequence(PublishStream stream);

    /// <summary>Adds a message to <paramref name="stream"/>; it takes <see cref="NextSequence"/>, which then moves on by one.</summary>
    /// <param name="stream">The hub.</param>
    /// <param name="body">The body; owned by the message from here on.</param>
    /// <param name="contentType">The body's MIME type, set as the event's content type.</param>
    void Add(PublishStream stream, ReadOnlyMemory<byte> body, string contentType);
}
