using Bourse.EngineHost.OrderEntry;

namespace Bourse.EngineHost.Tests.OrderEntry;

public sealed class ClientOrderKeyCacheTests
{
    [Fact]
    public void Every_key_from_the_cache_is_the_computed_key_hits_misses_and_evictions_alike()
    {
        var cache = new ClientOrderKeyCache();
        var random = new Random(3);
        // More ids than slots, each asked for several times in random order, under two accounts: same id, other key.
        var ids = Enumerable.Range(0, 10_000).Select(i => "id-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        for (var i = 0; i < 60_000; i++)
        {
            var account = random.Next(1, 3);
            // A fresh string each time, as parsed from a request: equal content, another object.
            var id = new string(ids[random.Next(ids.Length)].AsSpan());
            Assert.Equal(ClientOrderKey.Compute(account, id), cache.Get(account, id));
        }
    }
}
