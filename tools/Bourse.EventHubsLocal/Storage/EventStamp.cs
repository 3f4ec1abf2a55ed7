namespace Bourse.EventHubsLocal.Storage;

/// <summary>What the broker assigns to an event when its partition accepts it.</summary>
/// <param name="SequenceNumber">Position of the event in its partition: 0, 1, 2, … without gaps.</param>
/// <param name="Offset">Byte position of the event's record in the partition log; grows with the sequence number.</param>
/// <param name="EnqueuedTime">When the partition accepted it, at millisecond precision (what AMQP timestamps carry).</param>
internal readonly record struct EventStamp(long SequenceNumber, long Offset, DateTimeOffset EnqueuedTime);
