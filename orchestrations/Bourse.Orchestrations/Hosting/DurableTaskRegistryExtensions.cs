using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.PlainThreeStep;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Reconciliation;
using Bourse.Orchestrations.Reconciliation.Activities;
using Bourse.Orchestrations.RegulatoryReports;
using Bourse.Orchestrations.RegulatoryReports.Activities;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Bourse.Orchestrations.Hosting;

/// <summary>Registers the back office's orchestrations and activities with a Durable Task worker.</summary>
public static class DurableTaskRegistryExtensions
{
    /// <summary>
    /// Registers <see cref="OrderToClearingOrchestration"/>, <see cref="ReconciliationOrchestration"/>,
    /// <see cref="RegulatoryReportOrchestration"/> and
    /// <see cref="PlainThreeStepOrchestration"/> (function-based
    /// orchestrators) and every activity they call. Each saga activity is a class-based <see cref="TaskActivity{TInput, TOutput}"/>
    /// wrapper, created per call from the worker's service provider, that calls the plain activity class
    /// (<see cref="ISagaActivity{TInput, TOutput}"/>) registered by
    /// <see cref="OrchestrationServiceCollectionExtensions.AddBourseOrchestrations"/>: the Functions app calls the same
    /// classes from its <c>[ActivityTrigger]</c> functions.
    /// </summary>
    public static DurableTaskRegistry AddBourseOrchestrations(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        // Each orchestrator registers itself from its own file: the Durable Task analyzers (1.28.0) follow a registered
        // method into its body and fail (AD0001 "Syntax node is not within syntax tree") when it is in another file.
        OrderToClearingOrchestration.Register(registry);
        PlainThreeStepOrchestration.Register(registry);
        ReconciliationOrchestration.Register(registry);
        RegulatoryReportOrchestration.Register(registry);

        Add<ValidateOrderActivity, OrderToClearingInput, ValidationResult>(registry, ActivityNames.ValidateOrder);
        Add<AssessRiskActivity, AssessRiskRequest, RiskAssessment>(registry, ActivityNames.AssessRisk);
        Add<ReserveFundsActivity, ReserveFundsRequest, Reservation>(registry, ActivityNames.ReserveFunds);
        Add<SubmitToEngineActivity, EngineOrder, EngineSubmission>(registry, ActivityNames.SubmitToEngine);
        Add<CancelAtEngineActivity, EngineCancel, EngineCancelResult>(registry, ActivityNames.CancelAtEngine);
        Add<ClearFillActivity, FillClearing, ClearedFill>(registry, ActivityNames.ClearFill);
        Add<ReleaseHoldActivity, string, HoldRelease>(registry, ActivityNames.ReleaseHold);
        Add<PublishOrderEventActivity, OrderEvent, bool>(registry, ActivityNames.PublishOrderEvent);
        Add<LoadFillFactsActivity, ExecutionWindow, FillFacts>(registry, ReconciliationActivityNames.LoadFillFacts);
        Add<LoadFillEntriesActivity, TradeRange, IReadOnlyList<FillEntryInfo>>(registry, ReconciliationActivityNames.LoadFillEntries);
        Add<ReRaiseExecutionsActivity, IReadOnlyList<SagaReport>, int>(registry, ReconciliationActivityNames.ReRaiseExecutions);
        Add<ClearDirectFillsActivity, DirectFills, DirectFillsCleared>(registry, ReconciliationActivityNames.ClearDirectFills);
        Add<CollectReportableActivity, CollectRequest, Collected>(registry, RegulatoryReportActivityNames.CollectReportable);
        Add<AssembleReportActivity, AssembleRequest, Assembled>(registry, RegulatoryReportActivityNames.AssembleReport);
        Add<ArchiveReportActivity, ArchiveRequest, ReportAuditRecord>(registry, RegulatoryReportActivityNames.ArchiveReport);
        Add<SubmitReportActivity, SubmitRequest, SubmissionReceipt>(registry, RegulatoryReportActivityNames.SubmitReport);

        foreach (string step in new[] { PlainThreeStepOrchestration.StepOne, PlainThreeStepOrchestration.StepTwo, PlainThreeStepOrchestration.StepThree })
        {
            registry.AddActivityFunc<string, string>(step, (_, input) => PlainThreeStepOrchestration.Step(step, input));
        }

        return registry;
    }

    private static void Add<TActivity, TInput, TOutput>(DurableTaskRegistry registry, string name)
        where TActivity : ISagaActivity<TInput, TOutput> =>
        registry.AddActivity(name, services => new SagaActivityHost<TActivity, TInput, TOutput>(services.GetRequiredService<TActivity>()));
}

/// <summary>The worker's class-based activity around a plain <see cref="ISagaActivity{TInput, TOutput}"/>.</summary>
internal sealed class SagaActivityHost<TActivity, TInput, TOutput>(TActivity activity) : TaskActivity<TInput, TOutput>
    where TActivity : ISagaActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => activity.RunAsync(input);
}
