namespace Bourse.EngineHost.Publishing;

/// <summary>
/// Turns the events one command made on one book into the messages published for them: the body encoding seam
/// (an interim fixed layout today, the <c>bourse.engine.v1</c> protobuf contracts when they land).
/// </summary>
/// <remarks>
/// <para>
/// The unit is a command, not an event, because a contract need not map events one to one: the protobuf contracts
/// group the level changes of one command into one <c>BookUpdate</c> and report a trade twice (taker and maker).
/// </para>
/// <para>
/// Called on the publisher's thread only (never on a matching thread), for each command in journal order; an encoder
/// may allocate. It must be deterministic: a replay of the journal calls it again with the same events and the same
/// sequences, and must get the same bytes, so that a republished message is a true duplicate.
/// </para>
/// </remarks>
internal interface IEventBodyEncoder
{
    /// <summary>Encodes one command's events and adds the messages to <paramref name="messages"/>, in publishing order.</summary>
    /// <param name="command">The instrument and command the events belong to.</param>
    /// <param name="events">The command's events in book order (at least one), all <see cref="PublishSlotKind.Event"/> slots.</param>
    /// <param name="messages">Where the messages go; <see cref="IPublishMessageSink.NextSequence"/> says the number each gets.</param>
    void Encode(in PublishCommand command, ReadOnlySpan<PublishSlot> events, IPublishMessageSink messages);
}

/// <summary>The instrument and command whose events an <see cref="IEventBodyEncoder"/> encodes.</summary>
/// <param name="InstrumentId">The instrument's id.</param>
/// <param name="InstrumentKey">The instrument's partition key (and <c>bourse-instrument</c> property).</param>
/// <param name="CommandSequence">The command's journal sequence.</param>
internal readonly record struct PublishCommand(int InstrumentId, string InstrumentKey, long CommandSequence);

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
