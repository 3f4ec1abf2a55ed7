using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Bourse.Adapters.Cosmos;
using Bourse.LocalStack;
using Bourse.Domain.Reporting;
using Bourse.Orchestrations.Reconciliation;
using Bourse.Orchestrations.RegulatoryReports;

namespace Bourse.LocalRun.Day;

/// <summary>What <c>bourse-local day</c> does.</summary>
/// <param name="Orders">About how many orders the day has.</param>
/// <param name="Rate">Orders submitted per second.</param>
/// <param name="Seed">The plan's seed: the same seed, the same day.</param>
/// <param name="KeepRunning">Leave the stack up after the summary until Ctrl+C.</param>
/// <param name="WorkDirectory">Where the stack keeps its state; <see langword="null"/>: a new folder under
/// <c>.artifacts/day</c>, removed after a run that ends well and without <paramref name="KeepRunning"/>.</param>
internal sealed record DayOptions(int Orders, double Rate, int Seed, bool KeepRunning, string? WorkDirectory);

/// <summary>
/// The main job: starts the local back office, seeds it, drives a trading day through the HTTP API as back-office users
/// would (submissions, retries, cancels, bad requests), closes the session, reconciles, checks the ledger and prints what
/// happened. The API is the only way in; the ledger check reads the system of record directly.
/// </summary>
internal sealed class DayRun
{
    internal const string TraderKey = "local-trader-key";
    internal const string OperationsKey = "local-operations-key";
    internal const string ComplianceKey = "local-compliance-key";

    // Reads are paced under the API's token bucket (25 per second per client) so the watcher is never the one throttled.
    private const int ReadsPerSecond = 20;

    private readonly DayOptions _options;
    private readonly TextWriter _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private DayRun(DayOptions options, TextWriter output)
    {
        _options = options;
        _output = output;
    }

    public static Task<int> RunAsync(DayOptions options, TextWriter output) => new DayRun(options, output).RunAsync();

    private async Task<int> RunAsync()
    {
        var work = _options.WorkDirectory ?? Path.Combine(LocalBackOffice.RepositoryRoot(), ".artifacts", "day",
            TimeProvider.System.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });

        var instruments = LocalInstrument.Defaults;
        var plan = DayPlan.Create(_options.Orders, _options.Seed, instruments);
        _output.WriteLine($"Bourse: a trading day on the local back office ({plan.Orders.Count} orders from {DayPlan.Accounts.Count} accounts over {instruments.Count} instruments, seed {_options.Seed})");
        _output.WriteLine($"  state and logs: {work}");

        bool ok;
        var stackOptions = new LocalBackOfficeOptions { WorkDirectory = work };
        Step("starting Azurite, the Cosmos DB server and the Event Hubs endpoint");
        await using (var stack = await LocalBackOffice.StartAsync(stackOptions, stop.Token).ConfigureAwait(false))
        {
            var dayStart = TimeProvider.System.GetUtcNow();
            Step("seeding instruments, accounts and opening balances");
            using (var cosmos = stack.Cosmos.CreateClient())
            {
                await BackOfficeSeed.SeedAsync(cosmos, LocalBackOffice.CosmosDatabase, instruments, DayPlan.Accounts, dayStart, stop.Token).ConfigureAwait(false);
            }

            Step("starting the engine host");
            await stack.StartEngineHostAsync(stop.Token).ConfigureAwait(false);
            Step("starting the local host (API, Durable Task worker and sidecar, execution relay)");
            await stack.StartLocalHostAsync(stop.Token).ConfigureAwait(false);
            Step($"the API is up at {stack.LocalHostAddress}");

            await using var client = new BackOfficeClient(stack.LocalHostAddress, TraderKey, OperationsKey, ComplianceKey);
            var orders = plan.Orders.Select(o => new TrackedOrder(o)).ToList();
            var badAnswers = new ConcurrentBag<(BadRequest Request, SubmitAnswer Answer)>();
            Step($"trading: {orders.Count} orders at {_options.Rate.ToString(CultureInfo.InvariantCulture)}/s, {plan.BadRequests.Count} bad requests among them");
            var completed = await TradeAsync(client, orders, plan.BadRequests, badAnswers, stop.Token).ConfigureAwait(false);

            Step("reconciling the engine's executions with the ledger");
            var reconciliation = await ReconcileAsync(client, stop.Token).ConfigureAwait(false);

            Step("checking the ledger");
            LedgerCheckResult ledger;
            using (var cosmos = stack.Cosmos.CreateClient())
            {
                ledger = await LedgerCheck.RunAsync(
                    cosmos, DayPlan.Accounts.Select(a => a.AccountId), instruments.Select(i => i.Id),
                    new LedgerWindow(dayStart.AddMinutes(-1), TimeProvider.System.GetUtcNow().AddMinutes(1)), stop.Token).ConfigureAwait(false);
            }

            Step("filing the day's regulatory reports (compliance, through the API)");
            var formats = new RegulatoryReportFormatCatalog(RegulatoryReportFormats.All);
            var reports = await DayReports.FileAsync(
                client, DayReports.BusinessDays(dayStart, TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")),
                stack.RegulatorDropFolder, RegulatorySchemas.Load(stack.RegulatorySchemaDirectory),
                formats.All.ToDictionary(f => (f.Jurisdiction, f.ReportType), f => f.SchemaFileName), stop.Token).ConfigureAwait(false);

            await WriteOrdersAsync(Path.Combine(work, "orders.json"), orders, stop.Token).ConfigureAwait(false);
            var summary = new DaySummary(orders, [.. badAnswers], reconciliation, ledger, completed, reports, formats);
            _output.WriteLine();
            summary.Write(_output);
            ok = summary.AllWell;

            if (_options.KeepRunning && !stop.IsCancellationRequested)
            {
                WriteKeepRunning(stack, orders, reports);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }

            Step("stopping the local back office");
        }

        if (ok && !_options.KeepRunning && _options.WorkDirectory is null)
        {
            // The stack's state and logs go; what the day produced for people stays: the orders and the report files.
            foreach (var entry in new DirectoryInfo(work).EnumerateFileSystemInfos())
            {
                if (entry.Name is not ("orders.json" or LocalBackOffice.RegulatorDropFolderName))
                {
                    if (entry is DirectoryInfo directory)
                    {
                        directory.Delete(recursive: true);
                    }
                    else
                    {
                        entry.Delete();
                    }
                }
            }
        }
        else if (!ok)
        {
            _output.WriteLine($"  the stack's logs are in {work}");
        }

        Step(ok ? "done" : "done, with failures");
        return ok ? 0 : 1;
    }

    /// <summary>Submits the day's orders at the configured rate, sends the trader cancels and retries, closes the session
    /// (cancels what still rests) and follows every order until it has ended. False if some did not end in time.</summary>
    private async Task<bool> TradeAsync(
        BackOfficeClient client, List<TrackedOrder> orders, IReadOnlyList<BadRequest> badRequests,
        ConcurrentBag<(BadRequest, SubmitAnswer)> badAnswers, CancellationToken cancellationToken)
    {
        var progress = ProgressBar.For(_output);
        var started = _clock.Elapsed;
        var deadline = TimeSpan.FromSeconds((orders.Count / _options.Rate) + 900);
        using var tradingDone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var actions = new List<Task>();
        var submitting = Task.Run(async () =>
        {
            var interval = TimeSpan.FromSeconds(1 / _options.Rate);
            var badEvery = Math.Max(1, orders.Count / (badRequests.Count + 1));
            for (var i = 0; i < orders.Count; i++)
            {
                var due = started + (interval * i);
                var wait = due - _clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                lock (actions)
                {
                    actions.Add(SubmitAsync(client, orders[i], cancellationToken));
                    if (i % badEvery == badEvery - 1 && i / badEvery < badRequests.Count)
                    {
                        var bad = badRequests[i / badEvery];
                        actions.Add(Task.Run(async () => badAnswers.Add((bad, await client.SubmitRawAsync(bad.Body, cancellationToken).ConfigureAwait(false))), cancellationToken));
                    }
                }
            }
        }, cancellationToken);

        var watching = WatchAsync(client, orders, tradingDone.Token);
        var sessionEnd = TimeSpan.Zero;
        while (true)
        {
            var settled = orders.Count(o => o.Final);
            var open = orders.Count(o => o.Submitted && !o.Final);
            var resting = orders.Count(o => o.Resting);
            var sent = orders.Count(o => o.Submitted);
            progress.Draw(settled, orders.Count, $"{sent} sent, {open} open ({resting} resting)", _clock.Elapsed - started);
            if (settled == orders.Count)
            {
                break;
            }

            if (_clock.Elapsed - started > deadline || cancellationToken.IsCancellationRequested)
            {
                progress.Finish();
                _output.WriteLine($"  stopped waiting: {orders.Count - settled} orders had not ended");
                await tradingDone.CancelAsync().ConfigureAwait(false);
                return false;
            }

            Task[] pending;
            lock (actions)
            {
                pending = [.. actions];
            }

            // The session closes once every order is in and every planned trader cancel sent: what still rests at the
            // engine a few seconds later is cancelled, as a closing auction's leftovers would be.
            if (submitting.IsCompleted && pending.All(t => t.IsCompleted))
            {
                if (sessionEnd == TimeSpan.Zero)
                {
                    sessionEnd = _clock.Elapsed + TimeSpan.FromSeconds(5);
                }
                else if (_clock.Elapsed > sessionEnd)
                {
                    foreach (var order in orders.Where(o => o.Resting && o.Cancel == CancelSource.None && o.Plan.Scenario != DayScenario.Expiring))
                    {
                        order.Cancel = CancelSource.EndOfSession;
                        lock (actions)
                        {
                            actions.Add(CancelAsync(client, order, "end of session", cancellationToken));
                        }
                    }
                }
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        progress.Finish();
        await tradingDone.CancelAsync().ConfigureAwait(false);
        try
        {
            await watching.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await submitting.ConfigureAwait(false);
        Task[] all;
        lock (actions)
        {
            all = [.. actions];
        }

        await Task.WhenAll(all).ConfigureAwait(false);
        return true;
    }

    private static async Task SubmitAsync(BackOfficeClient client, TrackedOrder order, CancellationToken cancellationToken)
    {
        var request = order.Plan.ExpiresIn is { } expiresIn
            ? order.Plan.Request with { ExpiresAt = TimeProvider.System.GetUtcNow() + expiresIn }
            : order.Plan.Request;
        var answer = await client.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        order.OrderId = answer.OrderId;
        order.Submission = answer;
        if (order.Plan.SendTwice)
        {
            // The client lost the first answer and tries again, a moment later.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            order.Resubmission = await client.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (order.Plan.CancelAfter is { } after && order.OrderId is not null)
        {
            await Task.Delay(after, cancellationToken).ConfigureAwait(false);
            order.Cancel = CancelSource.Trader;
            await CancelAsync(client, order, "changed my mind", cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task CancelAsync(BackOfficeClient client, TrackedOrder order, string reason, CancellationToken cancellationToken) =>
        order.CancelAnswer = await client.CancelAsync(order.OrderId!, reason, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the view of every open order, round after round, at most <see cref="ReadsPerSecond"/> reads a
    /// second.</summary>
    private static async Task WatchAsync(BackOfficeClient client, List<TrackedOrder> orders, CancellationToken cancellationToken)
    {
        var pace = TimeSpan.FromSeconds(1.0 / ReadsPerSecond);
        while (!cancellationToken.IsCancellationRequested)
        {
            var round = Stopwatch.StartNew();
            var open = orders.Where(o => o.OrderId is not null && !o.Final).ToList();
            for (var i = 0; i < open.Count; i++)
            {
                var wait = (pace * i) - round.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                open[i].View = await client.GetOrderAsync(open[i].OrderId!, cancellationToken).ConfigureAwait(false) ?? open[i].View;
            }

            var rest = TimeSpan.FromSeconds(1) - round.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<ReconciliationResult?> ReconcileAsync(BackOfficeClient client, CancellationToken cancellationToken)
    {
        var path = await client.StartReconciliationAsync(cancellationToken).ConfigureAwait(false);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(5))
        {
            var view = await client.GetReconciliationAsync(path, cancellationToken).ConfigureAwait(false);
            if (view.RuntimeStatus == "Completed" && view.Result is { } result)
            {
                return result.Deserialize<ReconciliationResult>(ResultJson);
            }

            if (view.RuntimeStatus is "Failed" or "Terminated")
            {
                _output.WriteLine($"  reconciliation {view.RuntimeStatus}");
                return null;
            }

            await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
        }

        _output.WriteLine("  reconciliation did not finish in 5 minutes");
        return null;
    }

    /// <summary>Every order's plan, answers and last view, for whoever wants to know more than the summary says.</summary>
    private static async Task WriteOrdersAsync(string path, List<TrackedOrder> orders, CancellationToken cancellationToken)
    {
        var file = File.Create(path);
        await using (file.ConfigureAwait(false))
        {
            var records = orders.Select(o => new { o.Plan.Scenario, o.Plan.Request, Submission = o.Submission?.Status, Resubmission = o.Resubmission?.Status, o.Cancel, o.CancelAnswer, o.View });
            await JsonSerializer.SerializeAsync(file, records, DumpJson, cancellationToken).ConfigureAwait(false);
        }
    }

    private static readonly JsonSerializerOptions DumpJson = new(Bourse.BackOfficeApi.BackOfficeJson.Options) { WriteIndented = true };

    private void WriteKeepRunning(LocalBackOffice stack, List<TrackedOrder> orders, IReadOnlyList<FiledReport> reports)
    {
        var api = stack.LocalHostAddress.ToString().TrimEnd('/');
        var anOrder = orders.FirstOrDefault(o => o.Result?.FillsCleared > 0)?.OrderId ?? orders.First(o => o.OrderId is not null).OrderId;
        _output.WriteLine();
        _output.WriteLine("The local back office keeps running (Ctrl+C stops it). Try:");
        _output.WriteLine($"  curl -s {api}/api/health");
        _output.WriteLine($"  curl -s {api}/api/orders/{anOrder} -H 'X-Api-Key: {ComplianceKey}'");
        _output.WriteLine($"  curl -s {api}/api/accounts/3001 -H 'X-Api-Key: {ComplianceKey}'");
        _output.WriteLine($"  curl -si -X POST {api}/api/orders -H 'X-Api-Key: {TraderKey}' -H 'Content-Type: application/json' \\");
        _output.WriteLine("    -d '{\"clientOrderId\":\"my-1\",\"accountId\":\"3001\",\"userId\":\"u3001\",\"regionCode\":\"SH\",\"instrument\":600519,\"side\":\"buy\",\"type\":\"limit\",\"price\":1450.00,\"quantity\":100,\"timeInForce\":\"gtc\"}'");
        _output.WriteLine($"  curl -si -X POST {api}/api/reconciliations -H 'X-Api-Key: {OperationsKey}' -H 'Content-Type: application/json' -d '{{}}'");
        if (reports.Count > 0)
        {
            _output.WriteLine($"  curl -s {api}{reports[0].View.StatusUrl} -H 'X-Api-Key: {ComplianceKey}'");
            _output.WriteLine($"  curl -si -X POST {api}/api/reports -H 'X-Api-Key: {ComplianceKey}' -H 'Content-Type: application/json' \\");
            _output.WriteLine($"    -d '{{\"reportDate\":\"{DayReports.Day(reports[0].ReportDate)}\",\"jurisdiction\":\"US-FINCEN\",\"reportType\":\"SAR\",\"revision\":1,\"priorDocumentNumber\":\"31000000000001\"}}'");
        }

        _output.WriteLine($"  engine order entry (gRPC): {stack.EngineOrderEntry}; Durable Task sidecar: {stack.DurableTaskAddress}");
    }

    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web);

    private void Step(string what) =>
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed:mm\\:ss}] {what}"));
}
