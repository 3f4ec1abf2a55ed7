using Bourse.EventHubsLocal.Hubs;

namespace Bourse.EventHubsLocal.Tests.Hubs;

public sealed class PartitionKeyHasherTests
{
    private static readonly string[] Keys = ["AAPL", "MSFT", "600519.SH", "000001.SZ", "instrument-7"];

    [Fact]
    public void Is_fnv1a_over_utf8() =>
        // FNV-1a 32-bit reference values: "" is the offset basis, "a" is 0xE40C292C.
        Assert.Equal((0x811C9DC5u, 0xE40C292Cu), (PartitionKeyHasher.Hash(""), PartitionKeyHasher.Hash("a")));

    [Fact]
    public void Pins_the_partitions_of_some_keys_so_a_change_of_hash_is_noticed() =>
        // Stored events keep their partitions: a different hash would send a key's new events to another partition.
        // Values from an independent FNV-1a (Python) over the UTF-8 bytes, modulo 4.
        Assert.Equal([3, 3, 3, 1, 0], Keys.Select(k => PartitionKeyHasher.PartitionFor(k, 4)));

    [Fact]
    public void Long_and_non_ascii_keys_hash_like_their_utf8_bytes()
    {
        Assert.Equal(PartitionKeyHasher.Hash(new string('x', 1000)), PartitionKeyHasher.Hash(new string('x', 1000)));
        Assert.NotEqual(PartitionKeyHasher.Hash("上海"), PartitionKeyHasher.Hash("深圳"));
        Assert.InRange(PartitionKeyHasher.PartitionFor("上海", 3), 0, 2);
    }
}
