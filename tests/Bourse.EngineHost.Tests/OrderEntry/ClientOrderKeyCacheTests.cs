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

    [Fact]
    public void An_ascii_id_looked_up_as_its_bytes_gets_the_key_its_string_gets_cached_or_not()
    {
        var cache = new ClientOrderKeyCache();
        var random = new Random(5);
        var ids = Enumerable.Range(0, 10_000).Select(i => "o-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        for (var i = 0; i < 60_000; i++)
        {
            var account = random.Next(1, 3);
            var id = ids[random.Next(ids.Length)];
            var expected = ClientOrderKey.Compute(account, id);
            // Strings fill the cache (new orders), bytes only read it (cancels and replaces straight from the wire).
            Assert.Equal(expected, random.Next(2) == 0 ? cache.Get(account, id) : cache.Get(account, System.Text.Encoding.ASCII.GetBytes(id)));
        }
    }

    [Theory]
    [InlineData("o1")]
    [InlineData("client-order-é-€-😀")]
    public void The_key_of_an_id_s_utf8_bytes_is_the_key_of_its_string(string id)
    {
        Assert.Equal(ClientOrderKey.Compute(7, id), ClientOrderKey.Compute(7, System.Text.Encoding.UTF8.GetBytes(id)));
    }
}
