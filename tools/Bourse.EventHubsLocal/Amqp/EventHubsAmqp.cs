using Microsoft.Azure.Amqp.Encoding;

namespace Bourse.EventHubsLocal.Amqp;

/// <summary>The names and codes the Event Hubs service and its clients agree on, in one place.</summary>
internal static class EventHubsAmqp
{
    /// <summary>Message format of a batch: the body's data sections each hold one encoded message.</summary>
    public const uint BatchMessageFormat = 0x80013700;

    /// <summary>The SASL mechanism the client insists on: anonymous at the transport, a CBS token per link.</summary>
    public const string CbsSaslMechanism = "MSSBCBS";

    public static readonly AmqpSymbol SequenceNumberAnnotation = new("x-opt-sequence-number");
    public static readonly AmqpSymbol OffsetAnnotation = new("x-opt-offset");
    public static readonly AmqpSymbol EnqueuedTimeAnnotation = new("x-opt-enqueued-time");
    public static readonly AmqpSymbol PartitionKeyAnnotation = new("x-opt-partition-key");

    /// <summary>Desired capability of a receiver that wants the partition's last-enqueued properties with each event.</summary>
    public static readonly AmqpSymbol TrackLastEnqueuedCapability = new("com.microsoft:enable-receiver-runtime-metric");

    /// <summary>Link property of an exclusive receiver: its owner level (epoch).</summary>
    public static readonly AmqpSymbol OwnerLevelProperty = new("com.microsoft:epoch");

    public static readonly AmqpSymbol LastEnqueuedSequenceNumber = new("last_enqueued_sequence_number");
    public static readonly AmqpSymbol LastEnqueuedOffset = new("last_enqueued_offset");
    public static readonly AmqpSymbol LastEnqueuedTimeUtc = new("last_enqueued_time_utc");
    public static readonly AmqpSymbol RuntimeInfoRetrievalTimeUtc = new("runtime_info_retrieval_time_utc");

    /// <summary>Keys of request and response application properties on <c>$cbs</c> and <c>$management</c>.</summary>
    public static class Request
    {
        public const string Operation = "operation";
        public const string Type = "type";
        public const string Name = "name";
        public const string Partition = "partition";
        public const string StatusCode = "status-code";
        public const string StatusDescription = "status-description";
        public const string PutTokenOperation = "put-token";
        public const string ReadOperation = "READ";
        public const string EventHubType = "com.microsoft:eventhub";
        public const string PartitionType = "com.microsoft:partition";
    }
}
