using Bourse.Adapters.Cosmos;
using Bourse.Domain.Risk;
using Bourse.LocalStack;
using Bourse.Orchestrations.OrderToClearing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Bourse.LocalHost.Tests.Support;

/// <summary>What the end-to-end tests do with sagas and the ledger on a local back office.</summary>
internal static class Sagas
{
    public static OrderToClearingInput Order(string id, string account, int instrument, OrderSide side, decimal price, long quantity) => new()
    {
        OrderId = id,
        ClientOrderId = id,
        AccountId = account,
        UserId = "u" + account,
        InstrumentId = instrument,
        Side = side,
        LimitPrice = price,
        Quantity = quantity,
    };

    public static async Task ScheduleAsync(DurableTaskClient client, IEnumerable<OrderToClearingInput> orders)
    {
        foreach (var order in orders)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(OrderToClearingOrchestration.Name, order, new StartOrchestrationOptions(order.OrderId));
        }
    }

    /// <summary>Waits for each order's saga to complete and returns its result; fails with the local host's output otherwise.</summary>
    public static async Task<IReadOnlyList<OrderToClearingResult>> CompletedAsync(
        DurableTaskClient client, LocalBackOffice stack, IEnumerable<OrderToClearingInput> orders, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var results = new List<OrderToClearingResult>();
        foreach (var order in orders)
        {
            var done = await client.WaitForInstanceCompletionAsync(order.OrderId, getInputsAndOutputs: true, deadline.Token);
            Assert.True(
                done.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
                $"{order.OrderId}: {done.RuntimeStatus} {done.FailureDetails?.ErrorMessage}\n{stack.LocalHost?.Output}");
            results.Add(done.ReadOutputAs<OrderToClearingResult>()!);
        }

        return results;
    }

    public static CosmosLedger Ledger(LocalBackOffice stack) => LedgerCheck.Open(stack.Cosmos.CreateClient());
}
