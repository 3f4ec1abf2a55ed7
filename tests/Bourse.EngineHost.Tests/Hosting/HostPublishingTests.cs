using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Hosting;
using Bourse.EngineHost.Sharding;
using Bourse.EngineHost.Tests.Publishing;
using Grpc.Net.Client;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.Hosting;

/// <summary>The whole host: gRPC order entry → shard → journal → Event Hubs (the local endpoint), read back with the real consumer.</summary>
public sealed class HostPublishingTests : IDisposable
{
    private const int Instrument = 7;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-host-publish-");

    private IReadOnlyList<ShardOptions> Shards() =>
    [
        new ShardOptions
        {
            Name = "p",
            Instruments = [new InstrumentSpec(Instrument)],
            JournalDirectory = _directory.FullName,
            JournalOptions = new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch },
        },
    ];

    [Fact]
    public async Task Orders_entered_over_grpc_are_published_per_instrument_in_order_and_again_after_a_restart_without_loss()
    {
        await using var hubs = await LocalHubs.StartAsync();
        var publishing = new EventHubsPublishing(hubs.ConnectionString, LocalHubs.Executions, LocalHubs.BookUpdates);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await using (var server = EngineHostServer.Create(Shards(), publishing: publishing))
        {
            await server.StartAsync();
            using var channel = GrpcChannel.ForAddress(server.OrderEntryAddress);
            var client = new V1.OrderEntry.OrderEntryClient(channel);
            await client.NewOrderAsync(Order("a", V1.Side.Sell, 100, account: 1), cancellationToken: timeout.Token);
            await client.NewOrderAsync(Order("b", V1.Side.Buy, 100, account: 2), cancellationToken: timeout.Token);
        }

        var executions = await hubs.ReadAllAsync(LocalHubs.Executions, timeout.Token);
        var books = await hubs.ReadAllAsync(LocalHubs.BookUpdates, timeout.Token);

        // Accepted, accepted, and a trade reported to both sides: four execution reports, one partition, in order.
        Assert.Equal(4, executions.Count);
        Assert.Single(executions.Select(m => m.Partition).Distinct());
        Assert.Equal(executions.Select(m => m.Sequence).Order(), executions.Select(m => m.Sequence));
        Assert.Equal([1L, 2L], executions.Select(m => m.CommandSequence).Distinct());
        Assert.NotEmpty(books);

        // A restart with nothing new publishes nothing twice: the checkpoint covers the journal.
        await using (var server = EngineHostServer.Create(Shards(), publishing: publishing))
        {
            await server.StartAsync();
        }

        Assert.Equal(4, (await hubs.ReadAllAsync(LocalHubs.Executions, timeout.Token)).Count);
    }

    private static V1.NewOrderRequest Order(string id, V1.Side side, long price, long account) => new()
    {
        ClientOrderId = id,
        AccountId = account,
        InstrumentId = Instrument,
        Side = side,
        OrderType = V1.OrderType.Limit,
        TimeInForce = V1.TimeInForce.Gtc,
        PriceTicks = price,
        Quantity = 10,
    };

    public void Dispose() => _directory.Delete(recursive: true);
}
