using System.Globalization;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.RegulatoryReports.Activities;
using Microsoft.DurableTask;

namespace Bourse.Orchestrations.RegulatoryReports;

/// <summary>
/// One regulatory report of one business day: CollectReportable (the day's flags joined with the risk decisions, selected
/// by the format, staged) → AssembleReport (streaming XML, validated against the regulator's XSD, staged) → ArchiveReport
/// (immutable archive + SHA-256 in the audit trail) → SubmitReport (the regulator's gateway), the last only for a valid
/// file.
/// </summary>
/// <remarks>
/// <para>Deterministic: the window comes in the input, "prepared at" is <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>,
/// every effect is an idempotent activity keyed by the run. The instance id is the jurisdiction, type, day and revision
/// (<see cref="RegulatoryReportInput.InstanceIdOf"/>): generating a day again finds the run instead of filing twice, and a
/// correction is a new revision. The selection and the file travel as staged files, never through the history.</para>
/// <para>An invalid file is archived (the record of what was produced) and not delivered; the run ends
/// <see cref="ReportStages.Invalid"/> with every finding. Waiting for the regulator's acknowledgement (and filing a
/// correction from its per-record errors) is not built yet.</para>
/// </remarks>
public static class RegulatoryReportOrchestration
{
    /// <summary>The orchestration's registered name.</summary>
    public const string Name = "RegulatoryReport";

    /// <summary>Registers <see cref="RunAsync"/> under <see cref="Name"/>.</summary>
    internal static void Register(DurableTaskRegistry registry) =>
        registry.AddOrchestratorFunc<RegulatoryReportInput, RegulatoryReportResult>(Name, RunAsync);

    /// <summary>Runs (or replays) one report.</summary>
    public static async Task<RegulatoryReportResult> RunAsync(TaskOrchestrationContext context, RegulatoryReportInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var now = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(input.ActivityMaxAttempts, input.FirstRetryInterval, 2, TimeSpan.FromMinutes(1))
        {
            HandleFailure = failure => !failure.IsCausedBy<ArgumentException>() && !failure.IsCausedBy<ReportArchiveConflictException>(),
        });
        string reportId = context.InstanceId;

        context.SetCustomStatus(new RegulatoryReportStatus(ReportStages.Collecting, 0));
        var collected = await context.CallActivityAsync<Collected>(
            RegulatoryReportActivityNames.CollectReportable,
            new CollectRequest(reportId, input.Jurisdiction, input.ReportType, input.From, input.To), retry);
        if (collected.Records == 0)
        {
            return End(ReportStages.NothingToReport, collected);
        }

        context.SetCustomStatus(new RegulatoryReportStatus(ReportStages.Assembling, collected.Records));
        var assembled = await context.CallActivityAsync<Assembled>(
            RegulatoryReportActivityNames.AssembleReport,
            new AssembleRequest(reportId, input.Jurisdiction, input.ReportType, input.ReportDate, input.Revision, input.PriorDocumentNumber,
                now, collected.StagedPath, input.FileName),
            retry);
        if (assembled is not { StagedPath: { } staged, Sha256: { } sha })
        {
            return End(ReportStages.AssemblyFailed, collected) with { Failure = assembled.Failure };
        }

        context.SetCustomStatus(new RegulatoryReportStatus(ReportStages.Archiving, collected.Records));
        int errors = assembled.Findings.Count(f => f.IsError);
        string archivePath = ArchivePathOf(input);
        await context.CallActivityAsync<ReportAuditRecord>(
            RegulatoryReportActivityNames.ArchiveReport,
            new ArchiveRequest(staged, new ReportAuditRecord(
                reportId, input.Jurisdiction, input.ReportType, input.ReportDate, input.Revision, archivePath, sha, assembled.Bytes,
                collected.Records, errors, now)),
            retry);
        var archived = End(ReportStages.Archived, collected) with
        {
            FileName = input.FileName, ArchivePath = archivePath, Sha256 = sha, Bytes = assembled.Bytes, SchemaErrors = assembled.Findings,
        };
        if (errors > 0)
        {
            return archived with { Stage = ReportStages.Invalid };
        }

        if (!input.Submit)
        {
            return archived;
        }

        context.SetCustomStatus(new RegulatoryReportStatus(ReportStages.Submitting, collected.Records));
        var receipt = await context.CallActivityAsync<SubmissionReceipt>(
            RegulatoryReportActivityNames.SubmitReport, new SubmitRequest(input.Jurisdiction, archivePath, input.FileName, sha), retry);
        return archived with { Stage = ReportStages.Submitted, SubmissionReference = receipt.Reference };
    }

    /// <summary>Where a run's file is archived: by jurisdiction, type and day, under the file's name.</summary>
    public static string ArchivePathOf(RegulatoryReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return string.Create(CultureInfo.InvariantCulture, $"{input.Jurisdiction}/{input.ReportType}/{input.ReportDate:yyyy/MM/dd}/{input.FileName}");
    }

    private static RegulatoryReportResult End(string stage, Collected collected) =>
        new(stage, collected.Records, collected.Customers, null, null, null, 0, [], null, null);
}
