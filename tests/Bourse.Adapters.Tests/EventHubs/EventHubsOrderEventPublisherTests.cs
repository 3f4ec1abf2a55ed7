using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Producer;
using Bourse.Adapters.EventHubs;
using Bourse.EventHubsLocal;
using Bourse.Orchestrations.Ports;

namespace Bourse.Adapters.Tests.EventHubs;

/// <summary>Order events through the real Event Hubs client into the local endpoint, read back with a real consumer.</summary>
public sealed class EventHubsOrderEventPublisherTests : IAsyncLifetime, IDisposable
{
    private const string Hub = "order-events";
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bourse-order-events-");
    private EventHubsLocalServer _hubs = null!;

    public async Task InitializeAsync()
    {
        var options = new EventHubsLocalServerOptions { DataDirectory = _data.FullName };
        options.Hubs.Add(new EventHubDefinition(Hub, 2));
        _hubs = new EventHubsLocalServer(options);
        await _hubs.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hubs.DisposeAsync();
        _data.Delete(recursive: true);
    }

    /// <summary>Everything is released in <see cref="DisposeAsync"/>; this only satisfies the ownership analyzer.</summary>
    public void Dispose()
    {
    }

    [Fact]
    public async Task An_order_event_arrives_whole_keyed_by_account_with_its_id_for_deduplication()
    {
        var settled = new OrderEvent("o-1:OrderSettled", OrderEventKind.OrderSettled, "o-1", "acc-7", 600519, 100, 9_950m, 2.49m, 50.01m, [],
            new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8)));
        var rejected = settled with { EventId = "o-2:OrderRejected", Kind = OrderEventKind.OrderRejected, OrderId = "o-2", FilledQuantity = 0, Reasons = ["SANCTIONS_MATCH"] };
        await using (var producer = new EventHubProducerClient(_hubs.ConnectionString, Hub))
        {
            var publisher = new EventHubsOrderEventPublisher(producer);
            await publisher.PublishAsync(settled);
            await publisher.PublishAsync(rejected);
        }

        await using var consumer = new EventHubConsumerClient(EventHubConsumerClient.DefaultConsumerGroupName, _hubs.ConnectionString, Hub);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new List<(OrderEvent Event, string? MessageId, string? PartitionKey, string PartitionId)>();
        await foreach (var partitionEvent in consumer.ReadEventsAsync(new ReadEventOptions { MaximumWaitTime = TimeSpan.FromSeconds(1) }, timeout.Token))
        {
            if (partitionEvent.Data is { } data)
            {
                received.Add((EventHubsOrderEventPublisher.Read(data)!, data.MessageId, data.PartitionKey, partitionEvent.Partition.PartitionId));
            }

            if (received.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(settled, received.Single(r => r.Event.OrderId == "o-1").Event with { Reasons = settled.Reasons });
        Assert.Equal(["SANCTIONS_MATCH"], received.Single(r => r.Event.OrderId == "o-2").Event.Reasons);
        Assert.All(received, r => Assert.Equal(r.Event.EventId, r.MessageId));
        Assert.All(received, r => Assert.Equal("acc-7", r.PartitionKey));
        Assert.Single(received.Select(r => r.PartitionId).Distinct());
    }
}
