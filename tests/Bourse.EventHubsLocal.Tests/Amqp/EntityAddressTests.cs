using Bourse.EventHubsLocal.Amqp;

namespace Bourse.EventHubsLocal.Tests.Amqp;

public sealed class EntityAddressTests
{
    [Theory]
    [InlineData("$cbs", nameof(EntityKind.Cbs), "", null, null)]
    [InlineData("$management", nameof(EntityKind.Management), "", null, null)]
    [InlineData("/orders", nameof(EntityKind.Hub), "orders", null, null)]
    [InlineData("orders", nameof(EntityKind.Hub), "orders", null, null)]
    [InlineData("/orders/Partitions/3", nameof(EntityKind.PartitionSender), "orders", null, "3")]
    [InlineData("/orders/ConsumerGroups/$Default/Partitions/0", nameof(EntityKind.PartitionReceiver), "orders", "$Default", "0")]
    [InlineData("/orders/consumergroups/my%20group/partitions/1", nameof(EntityKind.PartitionReceiver), "orders", "my group", "1")]
    [InlineData("amqps://ns.servicebus.windows.net/orders/Partitions/2", nameof(EntityKind.PartitionSender), "orders", null, "2")]
    public void Parses_the_addresses_the_client_attaches_to(string address, string kind, string hub, string? group, string? partition) =>
        Assert.Equal(new EntityAddress(Enum.Parse<EntityKind>(kind), hub, group, partition), EntityAddress.TryParse(address));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/orders/Partitions")]
    [InlineData("/orders/Queues/1")]
    [InlineData("/orders/ConsumerGroups/$Default/Partitions")]
    [InlineData("/orders/ConsumerGroups/$Default/Shards/0")]
    public void Names_nothing_for_other_shapes(string? address) => Assert.Null(EntityAddress.TryParse(address));
}
