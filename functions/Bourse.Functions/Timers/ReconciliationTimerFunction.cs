using Bourse.BackOfficeApi;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bourse.Functions.Timers;

/// <summary>Runs the reconciliation on the schedule of setting <c>Reconciliation__Schedule</c> (NCRONTAB with seconds, UTC
/// unless <c>WEBSITE_TIME_ZONE</c> says otherwise), over the configured instruments and lookback.</summary>
public sealed class ReconciliationTimerFunction(BackOfficeApiHandlers handlers, TimeProvider timeProvider)
{
    /// <summary>The timer function's name.</summary>
    public const string Name = "ScheduledReconciliation";

    /// <summary>Starts the scheduled run (one per occurrence: the instance id is the occurrence's minute).</summary>
    [Function(Name)]
    public Task<string?> RunAsync(
        [TimerTrigger("%Reconciliation__Schedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        // The firing's minute names the run: a timer that fires twice for one occurrence (a host restart, two
        // instances before the singleton lock settles) starts it once. ScheduleStatus is not used: it is missing on
        // the first run and for past-due firings.
        var now = timeProvider.GetUtcNow();
        var scheduledAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        return handlers.RunScheduledReconciliationAsync(client, scheduledAt, cancellationToken);
    }
}
