using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using Bourse.Orchestrations.Ports;

namespace Bourse.Adapters.EventHubs;

/// <summary>
/// The saga's <see cref="IOrderEventPublisher"/> on Event Hubs: one JSON event per order event, partition key = the
/// account (a consumer sees one account's orders in order), the event id as <c>MessageId</c> and in the properties, so
/// consumers drop the duplicates that at-least-once delivery brings (a retried PublishOrderEvent activity).
/// </summary>
public sealed class EventHubsOrderEventPublisher(EventHubProducerClient producer) : IOrderEventPublisher
{
    /// <summary>The content type of the event bodies.</summary>
    public const string ContentType = "application/json; type=bourse.order-event.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async ValueTask PublishAsync(OrderEvent orderEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        var data = new EventData(BinaryData.FromObjectAsJson(orderEvent, Json))
        {
            MessageId = orderEvent.EventId,
            ContentType = ContentType,
        };
        data.Properties["eventId"] = orderEvent.EventId;
        data.Properties["kind"] = orderEvent.Kind.ToString();
        await producer.SendAsync([data], new SendEventOptions { PartitionKey = orderEvent.AccountId }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an event body back (consumers, tests).</summary>
    public static OrderEvent? Read(EventData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.EventBody.ToObjectFromJson<OrderEvent>(Json);
    }
}
