using Bourse.Orchestrations.RegulatoryReports;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace Bourse.BackOfficeApi.Hosting;

/// <summary>
/// The scheduled regulatory reports for a host without Functions timers (the local host): the same NCRONTAB expression
/// as the Functions timer (setting <c>RegulatoryReports:Schedule</c>, six fields with seconds, UTC), the same
/// <see cref="RegulatoryReportHandlers.RunScheduledReportsAsync"/>. No schedule: never.
/// </summary>
public sealed partial class RegulatoryReportTimerService(
    RegulatoryReportHandlers reports,
    DurableTaskClient client,
    RegulatoryReportSchedule schedule,
    TimeProvider timeProvider,
    ILogger<RegulatoryReportTimerService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (schedule.Expression is not { } expression)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            var next = new DateTimeOffset(expression.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            await Task.Delay(next - now, timeProvider, stoppingToken).ConfigureAwait(false);
            try
            {
                await reports.RunScheduledReportsAsync(client, next, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed firing must not stop the schedule; the day can be filed by hand (POST /api/reports).
                LogRunFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled regulatory reports could not be started")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}

/// <summary>The reports timer's schedule, parsed once at start so that a bad expression stops the host with its reason.</summary>
public sealed class RegulatoryReportSchedule
{
    /// <summary>Parses <paramref name="expression"/> (NCRONTAB, six fields with seconds); null or empty: no schedule.</summary>
    /// <exception cref="CrontabException">The expression is not valid NCRONTAB.</exception>
    public RegulatoryReportSchedule(string? expression)
    {
        Expression = string.IsNullOrWhiteSpace(expression)
            ? null
            : CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
    }

    /// <summary>The parsed schedule, or <see langword="null"/>.</summary>
    public CrontabSchedule? Expression { get; }

    /// <summary>The setting's name (the Functions timer reads it as <c>%RegulatoryReports__Schedule%</c>).</summary>
    public const string SettingName = RegulatoryReportingOptions.SectionName + ":Schedule";
}
