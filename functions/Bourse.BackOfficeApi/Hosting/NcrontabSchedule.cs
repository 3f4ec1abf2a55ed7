using NCrontab;

namespace Bourse.BackOfficeApi.Hosting;

/// <summary>
/// A timer's NCRONTAB schedule (six fields, with seconds, in UTC), as the Functions timer trigger reads it, for the hosts
/// without Functions timers (the local host): the same setting, the same occurrences. Parsed once at start, so that a bad
/// expression stops the host with its reason; null or empty: the timer never fires.
/// </summary>
public abstract class NcrontabSchedule
{
    /// <exception cref="CrontabException">The expression is not valid NCRONTAB.</exception>
    protected NcrontabSchedule(string? expression) =>
        Expression = string.IsNullOrWhiteSpace(expression)
            ? null
            : CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    /// <summary>The parsed schedule, or <see langword="null"/>.</summary>
    public CrontabSchedule? Expression { get; }

    /// <summary>
    /// Each occurrence, when it is due, until <paramref name="cancellationToken"/> ends it; none without a schedule. The
    /// next occurrence counts from the last one, not from when the caller came back, so a slow run does not skip one; an
    /// occurrence missed altogether is yielded once, late, as the Functions host runs a past-due timer.
    /// </summary>
    public async IAsyncEnumerable<DateTimeOffset> OccurrencesAsync(
        TimeProvider timeProvider, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        DateTimeOffset? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            if (NextAfter(last ?? now) is not { } next)
            {
                yield break;
            }

            if (next > now)
            {
                await Task.Delay(next - now, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            yield return next;
            last = next < now ? now : next;
        }
    }

    /// <summary>The first occurrence after <paramref name="now"/>, or <see langword="null"/> without a schedule.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset now) =>
        Expression is { } schedule ? new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero) : null;
}

/// <summary>The scheduled reconciliation's schedule: setting <see cref="SettingName"/> (Functions: <c>%Reconciliation__Schedule%</c>).</summary>
public sealed class ReconciliationSchedule(string? expression) : NcrontabSchedule(expression)
{
    /// <summary>The setting's name.</summary>
    public const string SettingName = "Reconciliation:Schedule";
}

/// <summary>The scheduled reports' schedule: setting <see cref="SettingName"/> (Functions: <c>%RegulatoryReports__Schedule%</c>).</summary>
public sealed class RegulatoryReportSchedule(string? expression) : NcrontabSchedule(expression)
{
    /// <summary>The setting's name.</summary>
    public const string SettingName = "RegulatoryReports:Schedule";
}
