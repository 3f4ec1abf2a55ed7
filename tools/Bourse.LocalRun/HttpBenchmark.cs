using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bourse.Adapters.Cosmos;
using Bourse.BackOfficeApi.Contracts;
using Bourse.Domain.Risk;
using Bourse.LocalRun.Day;
using Bourse.LocalStack;
using Bourse.Orchestrations;
using HdrHistogram;

namespace Bourse.LocalRun;

/// <summary>
/// <c>bench-http</c>: N order submissions sent at once over the HTTP API of the local stack, each a second time at
/// the same moment (a client retrying): accepted/s for the submissions against <c>GET /api/health</c> sent the same way
/// (the HTTP stack alone: the baseline), then every order followed to its end — none may be missing, none twice — and
/// the ledger checked.
/// </summary>
internal static partial class HttpBenchmark
{
    private const int Accounts = 40;

    public static async Task<int> RunAsync(int orders, IReadOnlyDictionary<string, string> settings, TextWriter output)
    {
        var work = Directory.CreateTempSubdirectory("bourse-bench-http-");
        try
        {
            var instruments = LocalInstrument.Defaults;
            var accounts = Enumerable.Range(0, Accounts).Select(i => new SeedAccount(
                (4001 + i).ToString(CultureInfo.InvariantCulture), $"H{4001 + i}", CustomerType.Corporate, $"Bench Desk {4001 + i}", "CN", 1_000_000_000m, 10_000_000)).ToArray();
            var options = new LocalBackOfficeOptions { WorkDirectory = work.FullName };
            // What is measured is the API and the sagas behind it, not the per-client token bucket or the daily limit.
            options.LocalHostSettings["BackOfficeApi__RateLimit__TokenLimit"] = "100000";
            options.LocalHostSettings["BackOfficeApi__RateLimit__TokensPerPeriod"] = "100000";
            options.LocalHostSettings["RiskRules__DailyNotionalLimit__Enabled"] = "false";
            output.WriteLine($"starting the local back office in {work.FullName} ...");
            BenchSettings.Apply(options, settings, output);
            await using var stack = await LocalBackOffice.StartAsync(options).ConfigureAwait(false);
            var seededAt = TimeProvider.System.GetUtcNow();
            using (var cosmos = stack.Cosmos.CreateClient())
            {
                await BackOfficeSeed.SeedAsync(cosmos, LocalBackOffice.CosmosDatabase, instruments, accounts, seededAt).ConfigureAwait(false);
            }

            await stack.StartEngineHostAsync().ConfigureAwait(false);
            await stack.StartLocalHostAsync().ConfigureAwait(false);
            await using var client = new BackOfficeClient(stack.LocalHostAddress, DayRun.TraderKey, DayRun.OperationsKey, DayRun.ComplianceKey, maxConnections: orders * 2,
                // A burst queues at the backend: an attempt timed out and retried would measure the client, not the API.
                attemptTimeout: TimeSpan.FromMinutes(5));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(60));

            // Warm-up: connections, JIT, the task hub and the containers' first documents.
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.HealthAsync(cancel.Token))).ConfigureAwait(false);
            var warm = await Task.WhenAll(Requests("warm", 20, instruments).Select(r => client.SubmitAsync(r, cancel.Token))).ConfigureAwait(false);

            output.WriteLine($"baseline: {orders * 2} GET /api/health at once ...");
            var health = await BurstAsync(orders * 2, _ => client.HealthAsync(cancel.Token)).ConfigureAwait(false);

            output.WriteLine($"{orders} order submissions at once, each sent twice ...");
            var requests = Requests("bench", orders, instruments);
            var answers = new ConcurrentBag<SubmitAnswer>();
            var submissions = await BurstAsync(orders * 2, async i =>
            {
                var answer = await client.SubmitAsync(requests[i / 2], cancel.Token).ConfigureAwait(false);
                answers.Add(answer);
                return answer.Status;
            }).ConfigureAwait(false);

            var ids = answers.Where(a => a.OrderId is not null).Select(a => a.OrderId!).Distinct(StringComparer.Ordinal).ToList();
            var warmIds = warm.Where(a => a.OrderId is not null).Select(a => a.OrderId!).ToList();
            output.WriteLine($"following {ids.Count} orders to their end ...");
            var ended = new ConcurrentDictionary<string, OrderView>(StringComparer.Ordinal);
            var following = Stopwatch.StartNew();
            // The warm-up's orders are followed too: the ledger check counts every fill entry.
            var followed = ids.Concat(warmIds).ToList();
            while (ended.Count < followed.Count && following.Elapsed < TimeSpan.FromMinutes(45))
            {
                foreach (var id in followed.Where(id => !ended.ContainsKey(id)))
                {
                    var view = await client.GetOrderAsync(id, cancel.Token).ConfigureAwait(false);
                    if (view?.RuntimeStatus is "Completed" or "Failed" or "Terminated")
                    {
                        ended[id] = view;
                    }
                }

                await Task.Delay(2000, cancel.Token).ConfigureAwait(false);
            }

            LedgerCheckResult ledger;
            using (var cosmos = stack.Cosmos.CreateClient())
            {
                ledger = await LedgerCheck.RunAsync(cosmos, accounts.Select(a => a.AccountId), instruments.Select(i => i.Id),
                    new LedgerWindow(seededAt.AddMinutes(-1), TimeProvider.System.GetUtcNow().AddMinutes(1)), cancel.Token).ConfigureAwait(false);
            }

            var fills = ended.Values.Sum(v => v.Result?.FillsCleared ?? 0);
            foreach (var id in warmIds)
            {
                ended.TryRemove(id, out _);
            }

            var endToEnd = new LongHistogram(TimeSpan.FromHours(1).Ticks, 3);
            foreach (var view in ended.Values)
            {
                endToEnd.RecordValue(Math.Clamp((view.LastUpdatedAt - view.CreatedAt).Ticks, 0, endToEnd.HighestTrackableValue));
            }

            // A saga started twice would show as its order id twice in the host's "started" lines: a duplicate that lost
            // the submission claim answers 202 too, but starts nothing.
            var starts = SagaStarts(Path.Combine(work.FullName, "local-host.log"), ids);
            var startedTwice = starts.Count(s => s.Value > 1);
            var notStarted = ids.Count(id => !starts.ContainsKey(id));
            var outcomes = ended.Values.GroupBy(v => v.Result?.Outcome.ToString() ?? v.RuntimeStatus).Select(g => $"{g.Key} {g.Count()}");
            var created = answers.Count(a => a.Status == HttpStatusCode.Accepted);
            var repeated = answers.Count(a => a.Status == HttpStatusCode.OK);
            output.WriteLine();
            output.WriteLine($"{"burst",-34} {"requests",8} {"per second",12} {"p50 ms",8} {"p99 ms",8}  answers");
            output.WriteLine(health.Line("GET /api/health (baseline)"));
            output.WriteLine(submissions.Line("POST /api/orders, each twice"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"submissions / health: {submissions.PerSecond / health.PerSecond:0.00}x the rate, {submissions.Percentile(99) / health.Percentile(99):0.0}x the p99"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"orders: {created} created (202), {repeated} answered as existing (200), {ids.Count} distinct; ended {ended.Count}: {string.Join(", ", outcomes)}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"accepted -> settled (backend clock): p50 {endToEnd.GetValueAtPercentile(50) / (double)TimeSpan.TicksPerSecond:0.0} s, p99 {endToEnd.GetValueAtPercentile(99) / (double)TimeSpan.TicksPerSecond:0.0} s, max {endToEnd.GetMaxValue() / (double)TimeSpan.TicksPerSecond:0.0} s"));
            output.WriteLine($"sagas started: {starts.Values.Sum()} for {ids.Count} orders; {startedTwice} started more than once, {notStarted} never");
            output.WriteLine($"ledger: {(ledger.Balanced ? "balanced" : "NOT BALANCED")}, {ledger.FillEntries} fill entries for {fills} fills cleared (warm-up included), {ledger.DuplicateFillEntries} duplicates, {ledger.HoldsLeft} holds left");
            var ok = created + repeated == orders * 2 && ids.Count == orders && startedTwice == 0 && notStarted == 0 && ended.Count == orders && ended.Values.All(v => v.RuntimeStatus == "Completed")
                && ledger.Balanced && ledger.FillEntries == fills;
            output.WriteLine(ok ? "every order ended once" : "FAILED: see above");
            return ok ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>How many times the local host logged starting each of <paramref name="orderIds"/>' sagas.</summary>
    private static Dictionary<string, int> SagaStarts(string localHostLog, IReadOnlyCollection<string> orderIds)
    {
        var wanted = orderIds.ToHashSet(StringComparer.Ordinal);
        var starts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(localHostLog))
        {
            var match = StartedLine().Match(line);
            if (match.Success && wanted.Contains(match.Groups[1].Value))
            {
                starts[match.Groups[1].Value] = starts.GetValueOrDefault(match.Groups[1].Value) + 1;
            }
        }

        return starts;
    }

    [GeneratedRegex(@"Order (\S+) started for account")]
    private static partial Regex StartedLine();

    /// <summary>Sends <paramref name="count"/> requests at once (all started before the first is awaited) and measures each.</summary>
    private static async Task<Burst> BurstAsync(int count, Func<int, Task<HttpStatusCode>> send)
    {
        var latency = new LongHistogram(TimeSpan.FromMinutes(10).Ticks, 3);
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var sync = new Lock();
        var clock = Stopwatch.StartNew();

        async Task One(int i)
        {
            await Task.Yield();
            var started = clock.Elapsed;
            var status = await send(i).ConfigureAwait(false);
            var took = clock.Elapsed - started;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            lock (sync)
            {
                latency.RecordValue(Math.Clamp(took.Ticks, 0, latency.HighestTrackableValue));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, count).Select(One)).ConfigureAwait(false);
        return new Burst(count, clock.Elapsed, latency, statuses);
    }

    /// <summary>Buy and sell orders in pairs at each instrument's reference price, so that each fills against the other
    /// side.</summary>
    private static SubmitOrderRequest[] Requests(string prefix, int count, IReadOnlyList<LocalInstrument> instruments) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var buy = i % 2 == 0;
            var pair = i / 2;
            var instrument = instruments[pair % instruments.Count];
            var account = 4001 + (buy ? pair % (Accounts / 2) : (Accounts / 2) + (pair % (Accounts / 2)));
            return new SubmitOrderRequest
            {
                ClientOrderId = $"{prefix}-{(buy ? "b" : "s")}-{pair.ToString(CultureInfo.InvariantCulture)}",
                AccountId = account.ToString(CultureInfo.InvariantCulture),
                UserId = "u" + account.ToString(CultureInfo.InvariantCulture),
                RegionCode = "SH",
                Instrument = instrument.Id,
                Side = buy ? OrderSide.Buy : OrderSide.Sell,
                Type = OrderType.Limit,
                Price = instrument.ReferencePrice,
                Quantity = instrument.LotSize,
                TimeInForce = TimeInForce.Gtc,
            };
        }),
    ];

    private sealed record Burst(int Count, TimeSpan Elapsed, LongHistogram Latency, ConcurrentDictionary<HttpStatusCode, int> Statuses)
    {
        public double PerSecond => Count / Elapsed.TotalSeconds;

        public double Percentile(double p) => Latency.GetValueAtPercentile(p) / (double)TimeSpan.TicksPerMillisecond;

        public string Line(string what) => string.Create(CultureInfo.InvariantCulture,
            $"{what,-34} {Count,8} {PerSecond,12:0} {Percentile(50),8:0.0} {Percentile(99),8:0.0}  {string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key} x{s.Value}"))}");
    }
}
