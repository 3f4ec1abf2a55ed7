using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
        await foreach (var next in schedule.OccurrencesAsync(timeProvider, stoppingToken).ConfigureAwait(false))
        {
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
