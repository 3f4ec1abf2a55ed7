using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain;
using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Ports;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.Adapters.Tests.Cosmos;

/// <summary>Instruments, accounts and reference prices on the local Cosmos DB server, and the read cache.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosReferenceDataTests(CosmosFixture cosmos)
{
    private static readonly InstrumentInfo Moutai = new(600519, "CNY", 0.01m, 100, true, 1_350.27m, 1_650.33m);

    private static readonly AccountInfo LiNa = new("A-1", AccountStatus.Active, "C-1", CustomerType.Individual, "Li Na", "CN");

    [Fact]
    public async Task Instruments_and_accounts_round_trip_and_unknown_ids_are_null()
    {
        var (data, _, _) = await CreateAsync();
        using var cts = Timeouts.Short();

        Assert.Equal(1, await data.UpsertInstrumentAsync(Moutai, cts.Token));
        Assert.Equal(1, await data.UpsertAccountAsync(LiNa, cts.Token));
        var corporate = new AccountInfo("A-2", AccountStatus.Suspended, "C-2", CustomerType.Corporate, "Golden Lotus Trading Co. Ltd", "HK");
        await data.UpsertAccountAsync(corporate, cts.Token);

        Assert.Equal(Moutai, await data.GetInstrumentAsync(600519, cts.Token));
        Assert.Equal(LiNa, await data.GetAccountAsync("A-1", cts.Token));
        Assert.Equal(corporate, await data.GetAccountAsync("A-2", cts.Token));
        Assert.Null(await data.GetInstrumentAsync(600000, cts.Token));
        Assert.Null(await data.GetAccountAsync("A-404", cts.Token));
        Assert.Null(await data.GetReferencePriceAsync("600519", cts.Token));
        Assert.Null(await data.GetReferencePriceAsync("not-an-instrument", cts.Token));
    }

    [Fact]
    public async Task An_instrument_without_limits_keeps_them_null_and_an_update_bumps_its_version()
    {
        var (data, _, _) = await CreateAsync();
        var open = new InstrumentInfo(700, "USD", 0.0001m, 1, true);

        await data.UpsertInstrumentAsync(open);
        Assert.Equal(2, await data.UpsertInstrumentAsync(open with { IsTradable = false }));

        Assert.Equal(open with { IsTradable = false }, await data.GetInstrumentAsync(700));
    }

    [Fact]
    public async Task A_reference_price_is_stored_on_the_instrument_and_survives_master_data_updates()
    {
        var (data, _, _) = await CreateAsync();
        await data.UpsertInstrumentAsync(Moutai);
        var asOf = new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.FromHours(8));

        Assert.True(await data.SetReferencePriceAsync(600519, new ReferencePrice(new Money(1_500.30m, "CNY"), asOf)));
        await data.UpsertInstrumentAsync(Moutai with { IsTradable = false });

        var price = await data.GetReferencePriceAsync("600519");
        Assert.NotNull(price);
        Assert.Equal((1_500.30m, "CNY", asOf), (price.Price.Amount, price.Price.Currency, price.AsOf));
        Assert.Equal("1500.30", price.Price.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)); // the scale survives
        Assert.False((await data.GetInstrumentAsync(600519))!.IsTradable);
    }

    [Fact]
    public async Task An_older_reference_price_does_not_replace_a_newer_one()
    {
        var (data, _, _) = await CreateAsync();
        await data.UpsertInstrumentAsync(Moutai);
        var asOf = new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

        Assert.True(await data.SetReferencePriceAsync(600519, new ReferencePrice(new Money(1_500m, "CNY"), asOf)));
        Assert.False(await data.SetReferencePriceAsync(600519, new ReferencePrice(new Money(1_400m, "CNY"), asOf.AddDays(-1))));
        Assert.True(await data.SetReferencePriceAsync(600519, new ReferencePrice(new Money(1_510m, "CNY"), asOf.AddDays(1))));

        Assert.Equal(1_510m, (await data.GetReferencePriceAsync("600519"))!.Price.Amount);
    }

    [Fact]
    public async Task A_reference_price_needs_a_known_instrument_and_its_currency()
    {
        var (data, _, _) = await CreateAsync();
        await data.UpsertInstrumentAsync(Moutai);
        var asOf = new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

        await Assert.ThrowsAsync<InvalidOperationException>(() => data.SetReferencePriceAsync(1, new ReferencePrice(new Money(10m, "CNY"), asOf)));
        await Assert.ThrowsAsync<ArgumentException>(() => data.SetReferencePriceAsync(600519, new ReferencePrice(new Money(10m, "USD"), asOf)));
        await Assert.ThrowsAsync<ArgumentException>(() => data.SetReferencePriceAsync(600519, new ReferencePrice(new Money(0m, "CNY"), asOf)));
        Assert.Null(await data.GetReferencePriceAsync("600519"));
    }

    [Fact]
    public async Task Invalid_master_data_is_refused_before_it_is_written()
    {
        var (data, _, _) = await CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => data.UpsertInstrumentAsync(Moutai with { Currency = "cny" }));
        await Assert.ThrowsAsync<ArgumentException>(() => data.UpsertInstrumentAsync(Moutai with { TickSize = 0m }));
        await Assert.ThrowsAsync<ArgumentException>(() => data.UpsertInstrumentAsync(Moutai with { LowerPriceLimit = 2_000m }));
        await Assert.ThrowsAsync<ArgumentException>(() => data.UpsertAccountAsync(LiNa with { AccountId = "A/1" }));
        Assert.Null(await data.GetInstrumentAsync(600519));
    }

    [Fact]
    public async Task A_change_by_another_process_is_seen_once_the_cache_expires_and_a_local_change_at_once()
    {
        var (reader, container, clock) = await CreateAsync(TimeSpan.FromSeconds(2));
        var writer = new CosmosReferenceData(container, new CosmosReferenceDataOptions { CacheExpiry = TimeSpan.Zero }, clock);
        await writer.UpsertInstrumentAsync(Moutai);
        await writer.UpsertAccountAsync(LiNa);
        Assert.True((await reader.GetInstrumentAsync(600519))!.IsTradable);
        Assert.Equal(AccountStatus.Active, (await reader.GetAccountAsync("A-1"))!.Status);

        await writer.UpsertInstrumentAsync(Moutai with { IsTradable = false });
        await writer.UpsertAccountAsync(LiNa with { Status = AccountStatus.Suspended });
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.True((await reader.GetInstrumentAsync(600519))!.IsTradable); // within the documented expiry: the cached copy
        Assert.Equal(AccountStatus.Active, (await reader.GetAccountAsync("A-1"))!.Status);

        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False((await reader.GetInstrumentAsync(600519))!.IsTradable);
        Assert.Equal(AccountStatus.Suspended, (await reader.GetAccountAsync("A-1"))!.Status);

        await reader.UpsertInstrumentAsync(Moutai with { LotSize = 200 });
        Assert.Equal(200, (await reader.GetInstrumentAsync(600519))!.LotSize);
        await reader.SetReferencePriceAsync(600519, new ReferencePrice(new Money(1_499m, "CNY"), clock.GetUtcNow()));
        Assert.Equal(1_499m, (await reader.GetReferencePriceAsync("600519"))!.Price.Amount);
    }

    [Fact]
    public async Task An_unknown_id_is_not_cached_so_a_later_creation_elsewhere_is_seen_at_once()
    {
        var (reader, container, clock) = await CreateAsync(TimeSpan.FromMinutes(5));
        var writer = new CosmosReferenceData(container, timeProvider: clock);

        Assert.Null(await reader.GetAccountAsync("A-1"));
        await writer.UpsertAccountAsync(LiNa);

        Assert.Equal(LiNa, await reader.GetAccountAsync("A-1"));
    }

    [Fact]
    public async Task Concurrent_writers_of_price_and_master_data_both_land()
    {
        var (data, container, clock) = await CreateAsync(TimeSpan.Zero);
        var other = new CosmosReferenceData(container, new CosmosReferenceDataOptions { CacheExpiry = TimeSpan.Zero }, clock);
        await data.UpsertInstrumentAsync(Moutai);
        var asOf = new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

        await Task.WhenAll(
            Task.Run(() => data.SetReferencePriceAsync(600519, new ReferencePrice(new Money(1_500m, "CNY"), asOf))),
            Task.Run(() => other.UpsertInstrumentAsync(Moutai with { IsTradable = false })));

        Assert.False((await data.GetInstrumentAsync(600519))!.IsTradable);
        Assert.Equal(1_500m, (await data.GetReferencePriceAsync("600519"))!.Price.Amount);
    }

    [Fact]
    public void Options_document_their_defaults_and_refuse_nonsense()
    {
        var options = new CosmosReferenceDataOptions();
        Assert.Equal(("bourse", "reference-data", TimeSpan.FromSeconds(2), 10_000), (options.DatabaseName, options.Container, options.CacheExpiry, options.MaxCachedItems));
        Assert.Equal("order-activity", new CosmosOrderActivityOptions().Container);

        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => new CosmosReferenceDataOptions { CacheExpiry = TimeSpan.FromSeconds(-1) }.Validate());
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => new CosmosOrderActivityOptions { MaxConcurrencyAttempts = 0 }.Validate());
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => new CosmosOrderActivityOptions { Container = "" }.Validate());
    }

    private async Task<(CosmosReferenceData Data, Container Container, FakeTimeProvider Clock)> CreateAsync(TimeSpan? cacheExpiry = null)
    {
        var options = new CosmosReferenceDataOptions { Container = $"refdata-{Guid.NewGuid():N}", CacheExpiry = cacheExpiry ?? TimeSpan.FromSeconds(2) };
        var container = await CosmosReferenceData.CreateContainerIfNotExistsAsync(cosmos.Database, options);
        var clock = new FakeTimeProvider(CosmosFixture.Start);
        return (new CosmosReferenceData(container, options, clock), container, clock);
    }
}
