using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Reconciliation;
using Bourse.Orchestrations.Reconciliation.Activities;
using Bourse.Orchestrations.RegulatoryReports.Activities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bourse.Functions.Orchestrations;

/// <summary>
/// The activities as functions, named as the orchestrators call them (<see cref="ActivityNames"/>,
/// <see cref="ReconciliationActivityNames"/>): each calls the plain activity class the worker registration wraps, so
/// the two hosts run the same code. The classes come from <c>AddBourseOrchestrations()</c>.
/// </summary>
public sealed class ActivityFunctions(IServiceProvider services)
{
    /// <summary>1 Validate.</summary>
    [Function(ActivityNames.ValidateOrder)]
    public Task<ValidationResult> ValidateOrder([ActivityTrigger] OrderToClearingInput input, CancellationToken cancellationToken) =>
        Run<ValidateOrderActivity, OrderToClearingInput, ValidationResult>(input, cancellationToken);

    /// <summary>2 AssessRisk.</summary>
    [Function(ActivityNames.AssessRisk)]
    public Task<RiskAssessment> AssessRisk([ActivityTrigger] AssessRiskRequest input, CancellationToken cancellationToken) =>
        Run<AssessRiskActivity, AssessRiskRequest, RiskAssessment>(input, cancellationToken);

    /// <summary>3 ReserveFunds.</summary>
    [Function(ActivityNames.ReserveFunds)]
    public Task<Reservation> ReserveFunds([ActivityTrigger] ReserveFundsRequest input, CancellationToken cancellationToken) =>
        Run<ReserveFundsActivity, ReserveFundsRequest, Reservation>(input, cancellationToken);

    /// <summary>4 SubmitToEngine (its router raises the reports stored before the link: it needs the client).</summary>
    [Function(ActivityNames.SubmitToEngine)]
    public Task<EngineSubmission> SubmitToEngine(
        [ActivityTrigger] EngineOrder input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunWith<SubmitToEngineActivity, EngineOrder, EngineSubmission>(client, input, cancellationToken);

    /// <summary>Cancel at the engine (user cancel, expiry, compensation).</summary>
    [Function(ActivityNames.CancelAtEngine)]
    public Task<EngineCancelResult> CancelAtEngine([ActivityTrigger] EngineCancel input, CancellationToken cancellationToken) =>
        Run<CancelAtEngineActivity, EngineCancel, EngineCancelResult>(input, cancellationToken);

    /// <summary>6 ClearFill.</summary>
    [Function(ActivityNames.ClearFill)]
    public Task<ClearedFill> ClearFill([ActivityTrigger] FillClearing input, CancellationToken cancellationToken) =>
        Run<ClearFillActivity, FillClearing, ClearedFill>(input, cancellationToken);

    /// <summary>7 Settle: release the unused hold.</summary>
    [Function(ActivityNames.ReleaseHold)]
    public Task<HoldRelease> ReleaseHold([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        Run<ReleaseHoldActivity, string, HoldRelease>(input, cancellationToken);

    /// <summary>7 Settle: publish the order's event.</summary>
    [Function(ActivityNames.PublishOrderEvent)]
    public Task<bool> PublishOrderEvent([ActivityTrigger] OrderEvent input, CancellationToken cancellationToken) =>
        Run<PublishOrderEventActivity, OrderEvent, bool>(input, cancellationToken);

    /// <summary>Reconciliation: the stored fills of a window.</summary>
    [Function(ReconciliationActivityNames.LoadFillFacts)]
    public Task<FillFacts> LoadFillFacts(
        [ActivityTrigger] ExecutionWindow input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunWith<LoadFillFactsActivity, ExecutionWindow, FillFacts>(client, input, cancellationToken);

    /// <summary>Reconciliation: the ledger's fill entries of a trade range.</summary>
    [Function(ReconciliationActivityNames.LoadFillEntries)]
    public Task<IReadOnlyList<FillEntryInfo>> LoadFillEntries([ActivityTrigger] TradeRange input, CancellationToken cancellationToken) =>
        Run<LoadFillEntriesActivity, TradeRange, IReadOnlyList<FillEntryInfo>>(input, cancellationToken);

    /// <summary>Reconciliation: raise reports again to sagas that missed them.</summary>
    [Function(ReconciliationActivityNames.ReRaiseExecutions)]
    public Task<int> ReRaiseExecutions(
        [ActivityTrigger] IReadOnlyList<SagaReport> input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        RunWith<ReRaiseExecutionsActivity, IReadOnlyList<SagaReport>, int>(client, input, cancellationToken);

    /// <summary>Reconciliation: clear fills of orders without a saga.</summary>
    [Function(ReconciliationActivityNames.ClearDirectFills)]
    public Task<DirectFillsCleared> ClearDirectFills([ActivityTrigger] DirectFills input, CancellationToken cancellationToken) =>
        Run<ClearDirectFillsActivity, DirectFills, DirectFillsCleared>(input, cancellationToken);

    /// <summary>Report: the day's reportable transactions, staged.</summary>
    [Function(RegulatoryReportActivityNames.CollectReportable)]
    public Task<Collected> CollectReportable([ActivityTrigger] CollectRequest input, CancellationToken cancellationToken) =>
        Run<CollectReportableActivity, CollectRequest, Collected>(input, cancellationToken);

    /// <summary>Report: the XML, validated against the regulator's schema, staged.</summary>
    [Function(RegulatoryReportActivityNames.AssembleReport)]
    public Task<Assembled> AssembleReport([ActivityTrigger] AssembleRequest input, CancellationToken cancellationToken) =>
        Run<AssembleReportActivity, AssembleRequest, Assembled>(input, cancellationToken);

    /// <summary>Report: the immutable archive and the audit trail.</summary>
    [Function(RegulatoryReportActivityNames.ArchiveReport)]
    public Task<ReportAuditRecord> ArchiveReport([ActivityTrigger] ArchiveRequest input, CancellationToken cancellationToken) =>
        Run<ArchiveReportActivity, ArchiveRequest, ReportAuditRecord>(input, cancellationToken);

    /// <summary>Report: delivery to the regulator's gateway.</summary>
    [Function(RegulatoryReportActivityNames.SubmitReport)]
    public Task<SubmissionReceipt> SubmitReport([ActivityTrigger] SubmitRequest input, CancellationToken cancellationToken) =>
        Run<SubmitReportActivity, SubmitRequest, SubmissionReceipt>(input, cancellationToken);

    // The activities that raise saga events get the invocation's client through the InvocationSagaEventRaiser.
    private async Task<TOutput> RunWith<TActivity, TInput, TOutput>(DurableTaskClient client, TInput input, CancellationToken cancellationToken)
        where TActivity : ISagaActivity<TInput, TOutput>
    {
        using var lent = InvocationSagaEventRaiser.Use(client);
        return await Run<TActivity, TInput, TOutput>(input, cancellationToken).ConfigureAwait(false);
    }

    // Resolved per call, as the worker's wrapper does: an activity class is a singleton holding only its ports.
    private Task<TOutput> Run<TActivity, TInput, TOutput>(TInput input, CancellationToken cancellationToken)
        where TActivity : ISagaActivity<TInput, TOutput> =>
        ((TActivity)services.GetService(typeof(TActivity))!).RunAsync(input, cancellationToken);
}
