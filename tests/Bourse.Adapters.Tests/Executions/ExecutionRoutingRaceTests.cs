using Bourse.Adapters.Tests.Support;
using Bourse.Domain.Risk;
using Bourse.Orchestrations;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;

namespace Bourse.Adapters.Tests.Executions;

/// <summary>
/// The race between the relay (store, then read the link) and the SubmitToEngine step (link, then read the stored
/// reports): whichever comes first, the report reaches the saga. Real stores on the local Cosmos DB server, real raises
/// through the Durable Task client; the engine answers from a stub (the engine itself is not under test here).
/// </summary>
[Collection(SharedCosmosServer.Name)]
public sealed class ExecutionRoutingRaceTests(CosmosFixture cosmos)
{
    private const int Instrument = 600519;

    [Fact]
    public async Task Link_before_report_the_relay_raises_it()
    {
        await using var sagas = await RecordingSagaHost.StartAsync(await ExecutionStores.CreateAsync(cosmos.Database));
        var order = await sagas.StartRecorderAsync(expected: 1);

        await Submit(sagas, engineOrderId: 7).RunAsync(Order(order));
        var routed = await sagas.Router.RouteAsync(Reports.StoredFill(Instrument, 1, 7, 3, OrderSide.Buy, default));

        Assert.Equal((Orchestrations.Executions.RouteOutcome.Routed, order), (routed.Outcome, routed.OrderId));
        Assert.Equal([1L], await sagas.ReceivedAsync(order, got => got.Count == 1));
    }

    [Fact]
    public async Task Report_before_link_the_submit_step_raises_it()
    {
        await using var sagas = await RecordingSagaHost.StartAsync(await ExecutionStores.CreateAsync(cosmos.Database));
        var order = await sagas.StartRecorderAsync(expected: 2);

        var early = await sagas.Router.RouteAsync(Reports.StoredFill(Instrument, 1, 8, 3, OrderSide.Buy, default));
        var early2 = await sagas.Router.RouteAsync(Reports.StoredFill(Instrument, 2, 8, 4, OrderSide.Buy, default));
        var submitted = await Submit(sagas, engineOrderId: 8).RunAsync(Order(order));
        await Submit(sagas, engineOrderId: 8).RunAsync(Order(order)); // the activity retried: links and raises again, harmlessly

        Assert.Equal(Orchestrations.Executions.RouteOutcome.Unlinked, early.Outcome);
        Assert.Equal(Orchestrations.Executions.RouteOutcome.Unlinked, early2.Outcome);
        Assert.True(submitted.Accepted);
        Assert.Equal([1L, 2L], (await sagas.ReceivedAsync(order, got => got.Count == 2)).Order());
    }

    [Fact]
    public async Task Relay_and_submit_step_racing_always_deliver()
    {
        await using var sagas = await RecordingSagaHost.StartAsync(await ExecutionStores.CreateAsync(cosmos.Database));
        var orders = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            orders.Add(await sagas.StartRecorderAsync(expected: 1));
        }

        await Task.WhenAll(orders.Select((order, i) => Task.WhenAll(
            Task.Run(async () => await sagas.Router.RouteAsync(Reports.StoredFill(Instrument, 100 + i, 200 + i, 300 + i, OrderSide.Sell, default))),
            Task.Run(async () => await Submit(sagas, engineOrderId: 200 + i).RunAsync(Order(order, OrderSide.Sell))))));

        for (var i = 0; i < orders.Count; i++)
        {
            Assert.Equal([100L + i], await sagas.ReceivedAsync(orders[i], got => got.Count == 1));
        }
    }

    private static SubmitToEngineActivity Submit(RecordingSagaHost sagas, long engineOrderId) =>
        new(new AcceptingEngine(engineOrderId), sagas.Router);

    private static EngineOrder Order(string orderId, OrderSide side = OrderSide.Buy) =>
        new(orderId, "A-1", null, Instrument, side, 10_000, 100, TimeInForce.Gtc, orderId);

    /// <summary>An engine that accepts every order under one engine order id (idempotent, as the real one is).</summary>
    private sealed class AcceptingEngine(long engineOrderId) : IEngineOrderEntry
    {
        public ValueTask<EngineSubmission> SubmitAsync(EngineOrder order, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new EngineSubmission(true, engineOrderId));

        public ValueTask<EngineCancelResult> CancelAsync(EngineCancel cancel, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new EngineCancelResult(false, "UnknownOrder"));
    }
}
