using System.Globalization;
using Bourse.Domain.Risk;
using Bourse.LocalStack;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.PlainThreeStep;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.LocalRun;

/// <summary>
/// <c>bench-sagas</c>: sagas per second and order-accepted → settled latency on the local stack, against the plain
/// three-activity orchestration on the same stack in the same run (the baseline: the Durable Task backend's own cost).
/// </summary>
internal static class SagaBenchmark
{
    private const int Buyers = 20;
    private const int Sellers = 20;

    public static async Task<int> RunAsync(int orders, int inFlight, IReadOnlyDictionary<string, string> settings, TextWriter output)
    {
        var work = Directory.CreateTempSubdirectory("bourse-bench-sagas-");
        try
        {
            var instruments = LocalInstrument.Defaults;
            var accounts = Enumerable.Range(0, Buyers + Sellers).Select(i => new SeedAccount(
                (2001 + i).ToString(CultureInfo.InvariantCulture), $"B{2001 + i}", CustomerType.Corporate, $"Bench Trader {2001 + i}", "CN", 1_000_000_000m, 10_000_000)).ToArray();
            var options = new LocalBackOfficeOptions { WorkDirectory = work.FullName };
            // Bench accounts trade far above an individual's daily limit; the limit is not what is measured.
            options.LocalHostSettings["RiskRules__DailyNotionalLimit__Enabled"] = "false";
            output.WriteLine($"starting the local back office in {work.FullName} ...");
            BenchSettings.Apply(options, settings, output);
            await using var stack = await LocalBackOffice.StartAsync(options).ConfigureAwait(false);
            using (var cosmos = stack.Cosmos.CreateClient())
            {
                await BackOfficeSeed.SeedAsync(cosmos, LocalBackOffice.CosmosDatabase, instruments, accounts, DateTimeOffset.UnixEpoch).ConfigureAwait(false);
            }

            await stack.StartEngineHostAsync().ConfigureAwait(false);
            await stack.StartLocalHostAsync().ConfigureAwait(false);
            var services = new ServiceCollection().AddLogging();
            services.AddDurableTaskClient(client => client.UseGrpc(GrpcChannel.ForAddress(stack.DurableTaskAddress)));
            await using var clients = services.BuildServiceProvider();
            var client = clients.GetRequiredService<DurableTaskClient>();
            var timeout = TimeSpan.FromMinutes(30);

            // Warm-up: JIT, connections, the task hub's queues and the containers' first documents.
            await OrchestrationRun.RunAsync(client, PlainThreeStepOrchestration.Name, Ids("warm-plain", 20), id => id, inFlight, timeout).ConfigureAwait(false);
            await OrchestrationRun.RunAsync(client, OrderToClearingOrchestration.Name, Orders("warm", 20, instruments), o => o.OrderId, inFlight, timeout).ConfigureAwait(false);

            output.WriteLine($"running {orders} of each, {inFlight} in flight ...");
            var plain = await OrchestrationRun.RunAsync(client, PlainThreeStepOrchestration.Name, Ids("plain", orders), id => id, inFlight, timeout).ConfigureAwait(false);
            var sagaOrders = Orders("bench", orders, instruments);
            var saga = await OrchestrationRun.RunAsync(client, OrderToClearingOrchestration.Name, sagaOrders, o => o.OrderId, inFlight, timeout).ConfigureAwait(false);

            var outcomes = saga.Instances.Select(i => i.ReadOutputAs<OrderToClearingResult>()?.Outcome.ToString() ?? "none")
                .GroupBy(o => o).Select(g => $"{g.Key} {g.Count()}");
            output.WriteLine();
            output.WriteLine($"{"orchestration",-18} {"count",6} {"rate",12}  {"latency created → completed (backend clock)"}");
            output.WriteLine(plain.ToString());
            output.WriteLine(saga.ToString());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"saga / plain: rate {saga.PerSecond / plain.PerSecond:0.00}x, p50 {saga.PercentileMilliseconds(50) / plain.PercentileMilliseconds(50):0.0}x, p99 {saga.PercentileMilliseconds(99) / plain.PercentileMilliseconds(99):0.0}x"));
            output.WriteLine($"saga outcomes: {string.Join(", ", outcomes)}");
            return saga.Statuses.GetValueOrDefault(OrchestrationRuntimeStatus.Completed) == orders ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string[] Ids(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}")];

    /// <summary>Buy and sell orders in pairs at each instrument's reference price: every order fills against one of the
    /// other side, whichever arrives first.</summary>
    private static OrderToClearingInput[] Orders(string prefix, int count, IReadOnlyList<LocalInstrument> instruments) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var buy = i % 2 == 0;
            var pair = i / 2;
            var instrument = instruments[pair % instruments.Count];
            var account = buy ? 2001 + (pair % Buyers) : 2001 + Buyers + (pair % Sellers);
            var id = $"{prefix}-{(buy ? "buy" : "sell")}-{pair.ToString(CultureInfo.InvariantCulture)}";
            return new OrderToClearingInput
            {
                OrderId = id,
                ClientOrderId = id,
                AccountId = account.ToString(CultureInfo.InvariantCulture),
                UserId = "bench",
                InstrumentId = instrument.Id,
                Side = buy ? OrderSide.Buy : OrderSide.Sell,
                LimitPrice = instrument.ReferencePrice,
                Quantity = instrument.LotSize,
            };
        }),
    ];
}
