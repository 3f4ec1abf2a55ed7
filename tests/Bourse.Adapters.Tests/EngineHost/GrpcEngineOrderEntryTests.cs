using System.Net;
using System.Net.Sockets;
using Bourse.Adapters.EngineHost;
using Bourse.Domain.Risk;
using InstrumentSpec = Bourse.Engine.Matching.InstrumentSpec;
using Bourse.EngineHost.Hosting;
using Bourse.EngineHost.Sharding;
using Bourse.Orchestrations;
using Bourse.Orchestrations.Ports;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.Adapters.Tests.EngineHost;

/// <summary>The saga's engine port against the real engine host, in process, over gRPC on loopback.</summary>
public sealed class GrpcEngineOrderEntryTests : IAsyncLifetime
{
    private readonly DirectoryInfo _journal = Directory.CreateTempSubdirectory("bourse-adapter-engine-");
    private EngineHostServer _server = null!;
    private GrpcChannel _channel = null!;
    private GrpcEngineOrderEntry _engine = null!;

    public async Task InitializeAsync()
    {
        _server = EngineHostServer.Create([new ShardOptions { Name = "adapter", Instruments = [new InstrumentSpec(7)], JournalDirectory = _journal.FullName }]);
        await _server.StartAsync();
        _channel = GrpcChannel.ForAddress(_server.OrderEntryAddress);
        // These tests are about answers, not timeouts: the first call on a cold server (JIT, connection, first fsync) took
        // over the 2 s default attempt on a loaded machine and was cancelled, twice in the clean-clone runs.
        _engine = new GrpcEngineOrderEntry(new V1.OrderEntry.OrderEntryClient(_channel), new GrpcEngineOrderEntryOptions { AttemptTimeout = TimeSpan.FromSeconds(30) });
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
        _journal.Delete(recursive: true);
    }

    [Fact]
    public async Task An_order_is_accepted_once_and_a_retry_gets_the_same_engine_order()
    {
        var order = new EngineOrder("saga-1", "42", "trader-1", 7, OrderSide.Buy, 100, 10, TimeInForce.Gtd);

        var first = await _engine.SubmitAsync(order);
        var retry = await _engine.SubmitAsync(order);

        Assert.True(first.Accepted);
        Assert.True(first.EngineOrderId > 0);
        Assert.Equal(first, retry);
    }

    [Fact]
    public async Task A_refusal_by_the_engine_is_an_answer_with_its_reason()
    {
        var refused = await _engine.SubmitAsync(new EngineOrder("saga-2", "42", null, 7, OrderSide.Sell, 100, 0, TimeInForce.Gtc));

        Assert.False(refused.Accepted);
        Assert.Null(refused.EngineOrderId);
        Assert.Equal(nameof(V1.RejectReason.InvalidQuantity), refused.RejectReason);
    }

    [Fact]
    public async Task A_market_order_goes_without_a_price_trades_at_once_and_leaves_nothing_to_cancel()
    {
        await _engine.SubmitAsync(new EngineOrder("saga-m-sell", "44", null, 7, OrderSide.Sell, 120, 5, TimeInForce.Gtc));

        var market = await _engine.SubmitAsync(new EngineOrder("saga-m-buy", "45", null, 7, OrderSide.Buy, 0, 8, TimeInForce.Ioc, Market: true));
        var cancelMarket = await _engine.CancelAsync(new EngineCancel("saga-m-buy:cancel", "45", 7, "saga-m-buy"));
        var cancelSell = await _engine.CancelAsync(new EngineCancel("saga-m-sell:cancel", "44", 7, "saga-m-sell"));

        Assert.True(market.Accepted, market.RejectReason);
        Assert.False(cancelMarket.Accepted); // traded 5, the engine cancelled the other 3: nothing rests
        Assert.False(cancelSell.Accepted); // the market buy took all 5
    }

    [Fact]
    public async Task A_live_order_is_cancelled_and_a_second_cancel_is_refused()
    {
        await _engine.SubmitAsync(new EngineOrder("saga-3", "43", null, 7, OrderSide.Sell, 120, 5, TimeInForce.Gtc));

        var cancelled = await _engine.CancelAsync(new EngineCancel("saga-3:cancel", "43", 7, "saga-3"));
        var again = await _engine.CancelAsync(new EngineCancel("saga-3:cancel-2", "43", 7, "saga-3"));

        Assert.True(cancelled.Accepted);
        Assert.False(again.Accepted);
    }

    [Fact]
    public async Task A_host_that_cannot_be_reached_fails_after_the_retries_so_that_the_saga_retries()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ClosedPort()}");
        var engine = new GrpcEngineOrderEntry(
            new V1.OrderEntry.OrderEntryClient(channel),
            new GrpcEngineOrderEntryOptions { MaxRetries = 2, FirstRetryDelay = TimeSpan.FromMilliseconds(10) });

        var error = await Assert.ThrowsAsync<RpcException>(() => engine.SubmitAsync(new EngineOrder("saga-4", "42", null, 7, OrderSide.Buy, 100, 1, TimeInForce.Gtc)).AsTask());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
