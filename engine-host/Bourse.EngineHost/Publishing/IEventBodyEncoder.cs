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
