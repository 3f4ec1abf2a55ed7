using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Reconciliation.Activities;
using Microsoft.DurableTask;

namespace Bourse.Orchestrations.Reconciliation;

/// <summary>
/// Reconciliation of executions: the stored execution reports of a window against the sagas and the ledger's fill
/// entries, one branch per instrument, in parallel. Per instrument: LoadFillFacts (stored fills, links, saga states) →
/// LoadFillEntries (the ledger's entries of those trades) → <see cref="ReconciliationPlan.Classify"/> → ReRaiseExecutions
/// (missing fills of running sagas) and ClearDirectFills (unlinked fills past the grace period, posted once by entry id).
/// </summary>
/// <remarks>
/// <para>Deterministic: "now" is <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, the decisions are the pure
/// <see cref="ReconciliationPlan"/>, every effect is an idempotent activity, so a rerun of the same window changes nothing
/// that an earlier run fixed. Direct-entry fills are cleared here and not by the relay because the relay cannot tell a
/// direct-entry order from a saga's whose link is still on its way (the SubmitToEngine step links only after the
/// engine's answer, and may be retried for minutes): clearing such a fill as direct entry would book it without the
/// saga's hold, and the saga's own entry under the same id would then be refused as a conflicting duplicate. The grace period (<see cref="ReconciliationInput.GracePeriod"/>) bounds that wait.</para>
/// <para>Started on demand with <see cref="ReconciliationClientExtensions.StartReconciliationAsync"/>; a timer trigger in
/// the Functions app will start it on a schedule later. The facts of a window travel through the orchestration's
/// history, so keep windows to a size a history holds (thousands of fills, not millions).</para>
/// </remarks>
public static class ReconciliationOrchestration
{
    /// <summary>The orchestration's registered name.</summary>
    public const string Name = "Reconciliation";

    /// <summary>Registers <see cref="RunAsync"/> under <see cref="Name"/>.</summary>
    internal static void Register(DurableTaskRegistry registry) =>
        registry.AddOrchestratorFunc<ReconciliationInput, ReconciliationResult>(Name, RunAsync);

    /// <summary>Runs (or replays) a reconciliation.</summary>
    public static async Task<ReconciliationResult> RunAsync(TaskOrchestrationContext context, ReconciliationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var asOf = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(input.ActivityMaxAttempts, input.FirstRetryInterval, 2, TimeSpan.FromMinutes(1))
        {
            HandleFailure = failure => !failure.IsCausedBy<ArgumentException>() && !failure.IsCausedBy<LedgerException>(),
        });
        var instruments = input.InstrumentIds.Distinct().Order().ToList();
        var progress = new Progress(context, instruments.Count);
        progress.Report();

        var outcomes = await Task.WhenAll(instruments.Select(id => ReconcileInstrumentAsync(context, input, id, asOf, retry, progress)));

        var result = new ReconciliationResult(
            outcomes.Sum(o => o.Executions), outcomes.Sum(o => o.Matched), outcomes.Sum(o => o.ReRaised), outcomes.Sum(o => o.ClearedDirect),
            outcomes.Sum(o => o.AlreadyClearedDirect), outcomes.Sum(o => o.AwaitingGrace), [.. outcomes.SelectMany(o => o.Breaks)]);
        context.SetCustomStatus(new ReconciliationStatus("Completed", instruments.Count, instruments.Count, result.Breaks.Count));
        return result;
    }

    private static async Task<ReconciliationResult> ReconcileInstrumentAsync(
        TaskOrchestrationContext context, ReconciliationInput input, int instrumentId, DateTimeOffset asOf, TaskOptions retry, Progress progress)
    {
        ReconciliationResult outcome;
        try
        {
            var facts = await context.CallActivityAsync<FillFacts>(
                ReconciliationActivityNames.LoadFillFacts,
                new ExecutionWindow(instrumentId, input.FromSequence, input.ToSequence, input.StoredFrom, input.StoredTo), retry);
            IReadOnlyList<FillEntryInfo> entries = [];
            if (facts.Fills.Count > 0)
            {
                var trades = facts.Fills.Select(f => f.Execution.Report.TradeId).ToList();
                entries = await context.CallActivityAsync<IReadOnlyList<FillEntryInfo>>(
                    ReconciliationActivityNames.LoadFillEntries, new TradeRange(instrumentId, trades.Min(), trades.Max()), retry);
            }

            var plan = ReconciliationPlan.Classify(instrumentId, facts.Fills, entries, asOf, input.GracePeriod);
            int reRaised = plan.ReRaise.Count == 0 ? 0
                : await context.CallActivityAsync<int>(ReconciliationActivityNames.ReRaiseExecutions, plan.ReRaise, retry);
            var cleared = plan.ClearDirect.Count == 0 ? new DirectFillsCleared(0, 0, [])
                : await context.CallActivityAsync<DirectFillsCleared>(
                    ReconciliationActivityNames.ClearDirectFills, new DirectFills(instrumentId, plan.ClearDirect), retry);
            outcome = new ReconciliationResult(
                plan.Fills, plan.Matched, reRaised, cleared.Posted + cleared.AlreadyPosted, cleared.AlreadyPosted, plan.AwaitingGrace,
                [.. plan.Breaks, .. cleared.Breaks ?? []]); // a result recorded before it had Breaks (an older worker) has none
        }
        catch (TaskFailedException e)
        {
            outcome = new ReconciliationResult(0, 0, 0, 0, 0, 0, [new ReconciliationBreak(
                ReconciliationBreakCodes.InstrumentFailed, instrumentId, 0, null, $"{e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}")]);
        }

        progress.Done(outcome.Breaks.Count);
        return outcome;
    }

    // The custom status, updated as branches finish (they all run on the orchestrator's one thread).
    private sealed class Progress(TaskOrchestrationContext context, int total)
    {
        private int _done;
        private int _breaks;

        public void Done(int breaks)
        {
            _done++;
            _breaks += breaks;
            Report();
        }

        public void Report() => context.SetCustomStatus(new ReconciliationStatus("Reconciling", total, _done, _breaks));
    }
}
