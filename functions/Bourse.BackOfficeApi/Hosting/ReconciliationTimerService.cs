using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bourse.BackOfficeApi.Hosting;

/// <summary>
/// The scheduled reconciliation for a host without Functions timers (the local host): the same NCRONTAB expression as
/// the Functions timer (setting <see cref="ReconciliationSchedule.SettingName"/>), the same
/// <see cref="BackOfficeApiHandlers.RunScheduledReconciliationAsync"/>, named by the occurrence's minute. No schedule: never.
/// </summary>
public sealed partial class ReconciliationTimerService(
    BackOfficeApiHandlers handlers,
    DurableTaskClient client,
    ReconciliationSchedule schedule,
    TimeProvider timeProvider,
    ILogger<ReconciliationTimerService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var next in schedule.OccurrencesAsync(timeProvider, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await handlers.RunScheduledReconciliationAsync(
                    client, new DateTimeOffset(next.Year, next.Month, next.Day, next.Hour, next.Minute, 0, TimeSpan.Zero), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed run must not stop the schedule: the next tick tries again (a reconciliation is idempotent).
                LogRunFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled reconciliation could not be started")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
