namespace Bourse.EngineHost.Publishing;

/// <summary>What a <see cref="PublishSlot"/> carries.</summary>
internal enum PublishSlotKind : byte
{
    /// <summary>One event of a book, to be published.</summary>
    Event = 0,

    /// <summary>
    /// The events of commands <see cref="PublishSlot.CommandSequence"/> to <see cref="PublishSlot.GapLastCommandSequence"/>
    /// of one instrument did not go through the ring (it was full, or a restart left them unconfirmed): the publisher
    /// regenerates them from the journal, in this slot's place, so the instrument's order is kept.
    /// </summary>
    Gap = 1,
}
