namespace Bourse.EventHubsLocal.Storage;

/// <summary>An event as read back from a partition log.</summary>
/// <param name="Stamp">Its sequence number, offset and enqueued time.</param>
/// <param name="Message">The encoded AMQP message, already carrying the stamp as message annotations.</param>
internal readonly record struct StoredEvent(EventStamp Stamp, byte[] Message);
