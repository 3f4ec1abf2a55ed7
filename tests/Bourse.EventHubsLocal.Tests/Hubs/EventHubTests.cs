using Bourse.EventHubsLocal.Hubs;
using Bourse.EventHubsLocal.Tests.Support;

namespace Bourse.EventHubsLocal.Tests.Hubs;

public sealed class EventHubTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Keeps_its_creation_time_and_refuses_a_different_partition_count()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
        DateTimeOffset created;
        using (var hub = EventHub.Open(_directory.Path, new EventHubDefinition("orders", 2), clock, flushToDisk: false))
        {
            created = hub.CreatedAt;
        }

        clock.Advance(TimeSpan.FromDays(1));
        using (var reopened = EventHub.Open(_directory.Path, new EventHubDefinition("orders", 2), clock, flushToDisk: false))
        {
            Assert.Equal(created, reopened.CreatedAt);
            Assert.Equal(["0", "1"], reopened.PartitionIds);
        }

        var error = Assert.Throws<InvalidOperationException>(() => EventHub.Open(_directory.Path, new EventHubDefinition("orders", 3), clock, false));
        Assert.Contains("2 partitions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_partitions_by_canonical_id_and_consumer_groups_ignoring_case()
    {
        using var hub = EventHub.Open(_directory.Path, new EventHubDefinition("orders", 3, "Audit"), TimeProvider.System, flushToDisk: false);

        Assert.NotNull(hub.FindPartition("2"));
        Assert.Null(hub.FindPartition("3"));
        Assert.Null(hub.FindPartition("02"));
        Assert.Null(hub.FindPartition("-1"));
        Assert.True(hub.HasConsumerGroup("$default"));
        Assert.True(hub.HasConsumerGroup("audit"));
        Assert.False(hub.HasConsumerGroup("billing"));
    }

    [Fact]
    public void Keyless_events_go_round_robin_and_keyed_ones_by_hash()
    {
        using var hub = EventHub.Open(_directory.Path, new EventHubDefinition("orders", 3), TimeProvider.System, flushToDisk: false);

        Assert.Equal(["0", "1", "2", "0"], Enumerable.Range(0, 4).Select(_ => hub.SelectPartition(null).PartitionId));
        Assert.Equal(PartitionKeyHasher.PartitionFor("AAPL", 3).ToString(System.Globalization.CultureInfo.InvariantCulture), hub.SelectPartition("AAPL").PartitionId);
    }
}
