using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.OrderEntry;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.OrderEntry;

public sealed class ClientOrderRegistryTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-registry-");

    [Fact]
    public void The_key_depends_on_account_and_client_order_id_and_is_never_zero()
    {
        var key = ClientOrderKey.Compute(7, "A-1");
        Assert.Equal(key, ClientOrderKey.Compute(7, "A-1"));
        Assert.NotEqual(key, ClientOrderKey.Compute(8, "A-1"));
        Assert.NotEqual(key, ClientOrderKey.Compute(7, "A-2"));
        Assert.NotEqual(0, key);
        Assert.Equal(10_000, Enumerable.Range(0, 10_000).Select(i => ClientOrderKey.Compute(1, "order-" + i)).Distinct().Count());
    }

    [Fact]
    public void A_retry_finds_the_first_registration_and_its_engine_order_id()
    {
        var registry = new ClientOrderRegistry();
        var (first, created) = registry.Register(ClientOrderKey.Compute(1, "x"), "x", 1, 5);
        var (again, createdAgain) = registry.Register(ClientOrderKey.Compute(1, "x"), "x", 1, 5);
        var (other, _) = registry.Register(ClientOrderKey.Compute(1, "y"), "y", 1, 5);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first, again);
        Assert.NotEqual(first.EngineOrderId, other.EngineOrderId);
    }

    [Fact]
    public void Concurrent_submissions_of_one_client_order_create_it_once()
    {
        var registry = new ClientOrderRegistry();
        var key = ClientOrderKey.Compute(3, "race");
        var results = new (ClientOrder Order, bool Created)[16];
        Parallel.For(0, results.Length, i => results[i] = registry.Register(key, "race", 3, 1));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Order).Distinct());
    }

    [Fact]
    public void Loading_the_journal_restores_registrations_and_numbering_resumes_above_them()
    {
        using (var journal = FileCommandJournal.Open(_directory.FullName))
        {
            journal.Append(1, OrderCommand.NewOrder(41, Side.Buy, 100, 10, TimeInForce.Gtc, 9) with { ClientOrderKey = ClientOrderKey.Compute(9, "a") });
            journal.Append(2, OrderCommand.MarketOrder(57, Side.Sell, 10, 9) with { ClientOrderKey = ClientOrderKey.Compute(9, "b") });
            journal.Append(3, OrderCommand.Cancel(41));
            journal.FlushToDisk();
        }

        var registry = new ClientOrderRegistry();
        Assert.Equal(2, registry.LoadJournal(new InstrumentSpec(4), _directory.FullName));

        var (retried, created) = registry.Register(ClientOrderKey.Compute(9, "a"), "a", 9, 4);
        Assert.False(created);
        Assert.Equal((41L, 1L, 4), (retried.EngineOrderId, retried.CommandSequence, retried.InstrumentId));
        Assert.Equal(57, registry.LastEngineOrderId);
        Assert.Equal(58, registry.Register(ClientOrderKey.Compute(9, "c"), "c", 9, 4).Order.EngineOrderId);
    }

    [Fact]
    public void Loading_the_journal_judges_its_orders_again_so_a_rejected_order_stays_rejected()
    {
        var spec = new InstrumentSpec(5, TickSize: 1, LotSize: 100, ReferencePrice: 10_000, BandBasisPoints: 1_000);
        using (var journal = FileCommandJournal.Open(_directory.FullName))
        {
            journal.Append(1, OrderCommand.NewOrder(1, Side.Buy, 10_000, 150, TimeInForce.Gtc, 9) with { ClientOrderKey = ClientOrderKey.Compute(9, "lot") });
            journal.Append(2, OrderCommand.NewOrder(2, Side.Buy, 10_000, 100, TimeInForce.Gtc, 9) with { ClientOrderKey = ClientOrderKey.Compute(9, "ok") });
            journal.Append(3, OrderCommand.NewOrder(3, Side.Sell, 10_000, 100, TimeInForce.Fok, 8) with { ClientOrderKey = ClientOrderKey.Compute(8, "fills") });
            journal.Append(4, OrderCommand.NewOrder(4, Side.Sell, 12_000, 100, TimeInForce.Gtc, 8) with { ClientOrderKey = ClientOrderKey.Compute(8, "band") });
            journal.FlushToDisk();
        }

        var registry = new ClientOrderRegistry();
        Assert.Equal(4, registry.LoadJournal(spec, _directory.FullName));

        V1.RejectReason Rejection(long account, string id) => registry.Register(ClientOrderKey.Compute(account, id), id, account, 5).Order.Rejection;
        Assert.Equal(V1.RejectReason.LotSize, Rejection(9, "lot"));
        Assert.Equal(V1.RejectReason.Unspecified, Rejection(9, "ok"));
        Assert.Equal(V1.RejectReason.Unspecified, Rejection(8, "fills"));
        Assert.Equal(V1.RejectReason.PriceBand, Rejection(8, "band"));
    }

    [Fact]
    public void A_journal_that_does_not_start_at_command_1_restores_registrations_without_judging_them()
    {
        var spec = new InstrumentSpec(5, TickSize: 1, LotSize: 100, ReferencePrice: 10_000, BandBasisPoints: 1_000);
        using (var journal = FileCommandJournal.Open(_directory.FullName))
        {
            journal.Append(501, OrderCommand.NewOrder(1, Side.Buy, 10_000, 150, TimeInForce.Gtc, 9) with { ClientOrderKey = ClientOrderKey.Compute(9, "lot") });
            journal.FlushToDisk();
        }

        var registry = new ClientOrderRegistry();
        Assert.Equal(1, registry.LoadJournal(spec, _directory.FullName));

        var (order, created) = registry.Register(ClientOrderKey.Compute(9, "lot"), "lot", 9, 5);
        Assert.False(created);
        Assert.Equal((V1.RejectReason.Unspecified, 501L), (order.Rejection, order.CommandSequence));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
