using System.Text.Json;
using Bourse.BackOfficeApi.Contracts;
using Bourse.BackOfficeApi.Validation;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.RegulatoryReports;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi;

/// <summary>
/// The regulatory reports' routes and timer work, shared by both hosts like <see cref="BackOfficeApiHandlers"/>: file a
/// report for a day (<c>POST /api/reports</c>), follow it (<c>GET /api/reports/{id}</c>), and the scheduled filing of the
/// configured reports (<see cref="RunScheduledReportsAsync"/>).
/// </summary>
public sealed partial class RegulatoryReportHandlers(
    RegulatoryReportFormatCatalog formats,
    IOptions<RegulatoryReportingOptions> reporting,
    IOptions<BackOfficeApiOptions> options,
    TimeProvider timeProvider,
    ILogger<RegulatoryReportHandlers> logger,
    IOrchestrationStartClaims? startClaims = null)
{
    /// <summary><c>POST /api/reports</c>: 202 and the run's status URL. The run's id is the jurisdiction, type, day and
    /// revision, so asking again answers 200 with the run that exists, and identical requests at once start one run
    /// (<see cref="SingleStart"/>): never a second filing. A correction is a new revision naming the filing it corrects.</summary>
    public async Task<IResult> StartReportAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var body = await JsonBodyReader.ReadAsync<StartReportRequest>(request, options.Value.MaxBodyBytes, allowEmpty: false, cancellationToken)
            .ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var ask = body.Value!;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(reporting.Value.BusinessTimeZone);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), zone).DateTime);
        if (ask.ReportDate is not { } day)
        {
            errors["reportDate"] = ["Required (yyyy-MM-dd)."];
        }
        else if (day > today)
        {
            errors["reportDate"] = [$"Must not be after today ({today:yyyy-MM-dd} in {zone.Id})."];
        }

        if (string.IsNullOrWhiteSpace(ask.Jurisdiction))
        {
            errors["jurisdiction"] = ["Required."];
        }
        else if (!formats.All.Any(f => f.Jurisdiction == ask.Jurisdiction))
        {
            errors["jurisdiction"] = [$"Unknown; known: {string.Join(", ", formats.All.Select(f => f.Jurisdiction).Distinct())}."];
        }
        else if (string.IsNullOrWhiteSpace(ask.ReportType))
        {
            errors["reportType"] = ["Required."];
        }
        else if (formats.Find(ask.Jurisdiction, ask.ReportType) is null)
        {
            errors["reportType"] = [$"Unknown for {ask.Jurisdiction}; known: {string.Join(", ", formats.All.Where(f => f.Jurisdiction == ask.Jurisdiction).Select(f => f.ReportType))}."];
        }

        int revision = ask.Revision ?? 0;
        if (revision is < 0 or > 99)
        {
            errors["revision"] = ["Must be from 0 to 99."];
        }
        else if (revision > 0 && string.IsNullOrWhiteSpace(ask.PriorDocumentNumber))
        {
            errors["priorDocumentNumber"] = ["Required for a correction (revision above 0): the regulator's id of the filing it corrects."];
        }
        else if (revision == 0 && ask.PriorDocumentNumber is not null)
        {
            errors["priorDocumentNumber"] = ["Only a correction (revision above 0) names a prior filing."];
        }
        else if (ask.PriorDocumentNumber is { } prior && (prior.Length > 32 || !prior.All(char.IsAsciiLetterOrDigit)))
        {
            errors["priorDocumentNumber"] = ["At most 32 letters or digits."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var input = InputOf(ask.Jurisdiction!, ask.ReportType!, ask.ReportDate!.Value, zone) with
        {
            Revision = revision,
            PriorDocumentNumber = ask.PriorDocumentNumber,
            Submit = ask.Submit ?? true,
        };
        var start = await SingleStart.StartAsync(client, startClaims, RegulatoryReportOrchestration.Name, input, input.InstanceId, cancellationToken)
            .ConfigureAwait(false);
        if (start.Outcome == SingleStartOutcome.Exists)
        {
            return Results.Json(ViewOf(start.Existing!), BackOfficeJson.Options);
        }

        if (start.Outcome == SingleStartOutcome.Started)
        {
            LogReportStarted(logger, input.InstanceId);
        }

        var location = BackOfficeRoutes.ReportPath(input.InstanceId);
        return Results.Json(new ReportView(input.InstanceId, nameof(OrchestrationRuntimeStatus.Pending), null, location), BackOfficeJson.Options,
            statusCode: StatusCodes.Status202Accepted).WithLocation(location);
    }

    /// <summary><c>GET /api/reports/{id}</c>: a run's status, stage and, once completed, its result.</summary>
    public static async Task<IResult> GetReportAsync(string reportId, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = string.IsNullOrWhiteSpace(reportId)
            ? null
            : await client.GetInstanceAsync(reportId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return instance is null || !string.Equals(instance.Name, RegulatoryReportOrchestration.Name, StringComparison.Ordinal)
            ? ApiProblems.NotFound($"No report {reportId}.")
            : Results.Json(ViewOf(instance), BackOfficeJson.Options);
    }

    /// <summary>
    /// The scheduled filing (the timer's work): each report of <see cref="RegulatoryReportingOptions.Scheduled"/> for the
    /// business day <paramref name="firedAt"/> falls on, revision 0. A run that exists or is being started is left alone,
    /// so a timer that fires twice (or on two hosts) files once.
    /// </summary>
    /// <returns>The ids of the runs started.</returns>
    public async Task<IReadOnlyList<string>> RunScheduledReportsAsync(DurableTaskClient client, DateTimeOffset firedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var settings = reporting.Value;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.BusinessTimeZone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(firedAt, zone).DateTime);
        var started = new List<string>();
        foreach (string scheduled in settings.Scheduled)
        {
            var parts = scheduled.Split('/', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || formats.Find(parts[0], parts[1]) is null)
            {
                LogUnknownScheduledReport(logger, scheduled);
                continue;
            }

            var input = InputOf(parts[0], parts[1], day, zone);
            var start = await SingleStart.StartAsync(client, startClaims, RegulatoryReportOrchestration.Name, input, input.InstanceId, cancellationToken)
                .ConfigureAwait(false);
            if (start.Outcome == SingleStartOutcome.Started)
            {
                LogReportStarted(logger, input.InstanceId);
                started.Add(input.InstanceId);
            }
        }

        return started;
    }

    /// <summary>The input of a first filing of <paramref name="day"/>: the day's instants in <paramref name="zone"/>.</summary>
    public static RegulatoryReportInput InputOf(string jurisdiction, string reportType, DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new RegulatoryReportInput
        {
            Jurisdiction = jurisdiction,
            ReportType = reportType,
            ReportDate = day,
            From = StartOf(day, zone),
            To = StartOf(day.AddDays(1), zone),
        };
    }

    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    private static ReportView ViewOf(OrchestrationMetadata instance)
    {
        JsonElement? result = instance.SerializedOutput is { Length: > 0 } output ? JsonDocument.Parse(output).RootElement.Clone() : null;
        string? stage = result is { ValueKind: JsonValueKind.Object } done && done.TryGetProperty("Stage", out var end) ? end.GetString()
            : instance.SerializedCustomStatus is { Length: > 0 } custom ? JsonDocument.Parse(custom).RootElement.TryGetProperty("Stage", out var now) ? now.GetString() : null
            : null;
        return new ReportView(instance.InstanceId, instance.RuntimeStatus.ToString(), stage, BackOfficeRoutes.ReportPath(instance.InstanceId), result);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReportId} started")]
    private static partial void LogReportStarted(ILogger logger, string reportId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled report '{Report}' skipped: not JURISDICTION/TYPE of a registered format")]
    private static partial void LogUnknownScheduledReport(ILogger logger, string report);
}
