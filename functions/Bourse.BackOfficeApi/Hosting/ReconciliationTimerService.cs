using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi.Hosting;

/// <summary>
/// The scheduled reconciliation for a host without Functions timers (the local host): every
/// <see cref="BackOfficeApiOptions.ReconciliationInterval"/>, the same <see cref="BackOfficeApiHandlers.RunScheduledReconciliationAsync"/>
/// the Functions timer calls, named by the tick's minute.
/// </summary>
public sealed partial class ReconciliationTimerService(
    BackOfficeApiHandlers handlers,
    DurableTaskClient client,
    IOptions<BackOfficeApiOptions> options,
    TimeProvider timeProvider,
    ILogger<ReconciliationTimerService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ReconciliationInterval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var now = timeProvider.GetUtcNow();
            try
            {
                await handlers.RunScheduledReconciliationAsync(
                    client, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero), stoppingToken).ConfigureAwait(false);
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
