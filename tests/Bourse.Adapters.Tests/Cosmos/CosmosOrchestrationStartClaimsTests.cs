using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Tests.Support;

namespace Bourse.Adapters.Tests.Cosmos;

/// <summary>The API's submission claims on the local Cosmos DB server.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosOrchestrationStartClaimsTests(CosmosFixture cosmos)
{
    [Fact]
    public async Task Of_many_concurrent_claims_of_one_order_exactly_one_wins_and_later_ones_lose()
    {
        var container = await CosmosOrderLinkStore.CreateContainerIfNotExistsAsync(cosmos.Database, $"links-{Guid.NewGuid():N}");
        var claims = new CosmosOrchestrationStartClaims(container);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => claims.TryClaimAsync("ord-1").AsTask()));

        Assert.Single(results, won => won);
        Assert.False(await claims.TryClaimAsync("ord-1"));
        Assert.True(await claims.TryClaimAsync("ord-2"));
    }

    [Fact]
    public async Task A_fresh_claim_is_not_taken_over_and_an_old_one_is_taken_over_by_exactly_one_of_many()
    {
        var (claims, clock) = await ClaimedOnAClockAsync(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

        clock.Advance(TimeSpan.FromSeconds(30));
        bool fresh = await claims.TryTakeOverAsync("ord-1", TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromSeconds(31));
        var racing = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => claims.TryTakeOverAsync("ord-1", TimeSpan.FromMinutes(1)).AsTask()));
        bool justTaken = await claims.TryTakeOverAsync("ord-1", TimeSpan.FromMinutes(1));

        Assert.False(fresh);
        Assert.Single(racing, won => won);
        Assert.False(justTaken); // the takeover renewed the claim's time
        Assert.True(await claims.TryTakeOverAsync("ord-never-claimed", TimeSpan.FromMinutes(1)));
        Assert.False(await claims.TryClaimAsync("ord-never-claimed"));
    }

    [Fact]
    public async Task A_renewed_claim_is_not_taken_over_until_it_goes_unrenewed_for_the_takeover_age()
    {
        var (claims, clock) = await ClaimedOnAClockAsync(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

        var takenWhileRenewed = new List<bool>();
        for (int i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(15));
            await claims.RenewAsync("ord-1");
            takenWhileRenewed.Add(await claims.TryTakeOverAsync("ord-1", TimeSpan.FromMinutes(1)));
        }

        clock.Advance(TimeSpan.FromSeconds(61));
        bool takenWhenSilent = await claims.TryTakeOverAsync("ord-1", TimeSpan.FromMinutes(1));

        Assert.All(takenWhileRenewed, Assert.False); // 90 s after the claim, renewed every 15 s
        Assert.True(takenWhenSilent);
        Assert.False(await claims.TryClaimAsync("ord-1"));
    }

    /// <summary>Claims in a fresh container on a fake clock, with "ord-1" claimed at <paramref name="now"/>.</summary>
    private async Task<(CosmosOrchestrationStartClaims Claims, Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock)> ClaimedOnAClockAsync(DateTimeOffset now)
    {
        var container = await CosmosOrderLinkStore.CreateContainerIfNotExistsAsync(cosmos.Database, $"links-{Guid.NewGuid():N}");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now);
        var claims = new CosmosOrchestrationStartClaims(container, timeProvider: clock);
        Assert.True(await claims.TryClaimAsync("ord-1"));
        return (claims, clock);
    }

    [Fact]
    public async Task Claims_share_the_order_links_container_without_touching_its_links()
    {
        var container = await CosmosOrderLinkStore.CreateContainerIfNotExistsAsync(cosmos.Database, $"links-{Guid.NewGuid():N}");
        var links = new CosmosOrderLinkStore(container);
        var link = new Bourse.Orchestrations.Ports.OrderLink(600519, 7, "ord-1", "1001", Bourse.Domain.Risk.OrderSide.Buy);
        await links.LinkAsync(link);

        Assert.True(await new CosmosOrchestrationStartClaims(container).TryClaimAsync("ord-1"));
        var found = await links.FindAsync(600519, [7L]);
        Assert.Equal(link, found[7]);
    }
}
