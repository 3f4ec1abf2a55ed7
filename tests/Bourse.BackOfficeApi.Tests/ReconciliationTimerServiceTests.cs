using Bourse.BackOfficeApi.Hosting;
using Bourse.Orchestrations.Reconciliation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.BackOfficeApi.Tests;

public sealed class ReconciliationTimerServiceTests
{
    private static (ReconciliationTimerService Service, FakeDurableClient Durable, FakeTimeProvider Clock) Create(string? schedule)
    {
        var options = new BackOfficeApiOptions();
        options.ReconciliationInstrumentIds.Add(600519);
        var handlers = new BackOfficeApiHandlers(new InMemoryReferenceData(), new InMemoryLedgerReader(), new InMemoryRiskDecisions(), Options.Create(options),
            NullLogger<BackOfficeApiHandlers>.Instance);
        var durable = new FakeDurableClient();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 30, TimeSpan.Zero));
        return (new ReconciliationTimerService(handlers, durable.Client, new ReconciliationSchedule(schedule), clock, NullLogger<ReconciliationTimerService>.Instance),
            durable, clock);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Each_occurrence_of_the_schedule_starts_the_scheduled_reconciliation_named_by_its_minute()
    {
        // The clock is at 08:00:30: the first quarter hour is 14.5 minutes away.
        var (service, durable, clock) = Create("0 */15 * * * *");
        await service.StartAsync(default);
        // Since .NET 10 a BackgroundService's ExecuteAsync starts on the thread pool: give it time to create its timer
        // on the fake clock before the clock moves.
        await Task.Delay(500);

        clock.Advance(TimeSpan.FromMinutes(15));
        await WaitForAsync(() => durable.Scheduled.Count == 1);
        clock.Advance(TimeSpan.FromMinutes(15));
        await WaitForAsync(() => durable.Scheduled.Count == 2);
        await service.StopAsync(default);

        Assert.Equal(["reconciliation-scheduled-20261126T0815", "reconciliation-scheduled-20261126T0830"], durable.Scheduled.Select(s => s.InstanceId));
        Assert.All(durable.Scheduled, s => Assert.Equal(ReconciliationOrchestration.Name, s.Name));
    }

    [Fact]
    public async Task Without_a_schedule_nothing_runs()
    {
        var (service, durable, clock) = Create(null);
        await service.StartAsync(default);

        clock.Advance(TimeSpan.FromDays(1));
        await Task.Delay(100);
        await service.StopAsync(default);

        Assert.Empty(durable.Scheduled);
    }
}
