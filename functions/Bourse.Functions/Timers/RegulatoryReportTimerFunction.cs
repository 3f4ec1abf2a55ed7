using Bourse.BackOfficeApi;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bourse.Functions.Timers;

/// <summary>Files the scheduled regulatory reports (setting <c>RegulatoryReports__Scheduled__0</c>, …) on the schedule of
/// setting <c>RegulatoryReports__Schedule</c> (NCRONTAB with seconds, UTC unless <c>WEBSITE_TIME_ZONE</c> says otherwise:
/// business days 17:30 Asia/Shanghai is <c>0 30 9 * * 1-5</c> in UTC).</summary>
public sealed class RegulatoryReportTimerFunction(RegulatoryReportHandlers reports, TimeProvider timeProvider)
{
    /// <summary>The timer function's name.</summary>
    public const string Name = "ScheduledRegulatoryReports";

    /// <summary>Starts the day's reports; a run that exists is left alone, so a double firing files once.</summary>
    [Function(Name)]
    public Task<IReadOnlyList<string>> RunAsync(
        [TimerTrigger("%RegulatoryReports__Schedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return reports.RunScheduledReportsAsync(client, timeProvider.GetUtcNow(), cancellationToken);
    }
}
