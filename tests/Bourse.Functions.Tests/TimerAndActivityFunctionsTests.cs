using Bourse.BackOfficeApi;
using Bourse.BackOfficeApi.Tests;
using Bourse.Functions.Orchestrations;
using Bourse.Functions.Timers;
using Bourse.Orchestrations.Hosting;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Reconciliation;
using Bourse.Orchestrations.RegulatoryReports;
using Bourse.Domain.Reporting.FinCen;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.Functions.Tests;

public sealed class TimerAndActivityFunctionsTests
{
    [Fact]
    public async Task The_timer_starts_the_configured_reconciliation_named_by_its_minute()
    {
        var durable = new FakeDurableClient();
        var options = new BackOfficeApiOptions { ReconciliationLookback = TimeSpan.FromHours(2) };
        options.ReconciliationInstrumentIds.Add(601318);
        var handlers = new BackOfficeApiHandlers(new InMemoryReferenceData(), new InMemoryLedgerReader(), new InMemoryRiskDecisions(), Options.Create(options),
            NullLogger<BackOfficeApiHandlers>.Instance);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 15, 42, TimeSpan.Zero));
        var timer = new ReconciliationTimerFunction(handlers, clock);

        var first = await timer.RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), durable.Client, default);
        clock.Advance(TimeSpan.FromSeconds(10));
        var repeated = await timer.RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), durable.Client, default);

        Assert.Equal("reconciliation-scheduled-20261126T0915", first);
        Assert.Null(repeated);
        var input = Assert.IsType<ReconciliationInput>(Assert.Single(durable.Scheduled).Input);
        Assert.Equal([601318], input.InstrumentIds);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 7, 15, 0, TimeSpan.Zero), input.StoredFrom);
    }

    [Fact]
    public async Task The_reports_timer_files_the_configured_reports_for_the_business_day_it_fires_on_once()
    {
        var durable = new FakeDurableClient();
        var reporting = new RegulatoryReportingOptions();
        reporting.Scheduled.Add("US-FINCEN/SAR");
        var reports = new RegulatoryReportHandlers(
            new RegulatoryReportFormatCatalog([new FinCenSarFormat(), new FinCenCtrFormat()]), Options.Create(reporting),
            Options.Create(new BackOfficeApiOptions()), TimeProvider.System, NullLogger<RegulatoryReportHandlers>.Instance);
        // 17:30 in Shanghai.
        var timer = new RegulatoryReportTimerFunction(reports, new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero)));

        var first = await timer.RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), durable.Client, default);
        var repeated = await timer.RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), durable.Client, default);

        Assert.Equal(["report-us-fincen-sar-2026-11-26-r0"], first);
        Assert.Empty(repeated);
        var input = Assert.IsType<RegulatoryReportInput>(Assert.Single(durable.Scheduled).Input);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero), input.From.ToUniversalTime());
    }

    [Fact]
    public async Task An_activity_function_runs_the_class_the_worker_registration_runs()
    {
        var ledger = new ReleasingLedger();
        using var services = new ServiceCollection().AddSingleton<ILedger>(ledger).AddBourseOrchestrations().BuildServiceProvider();

        var release = await new ActivityFunctions(services).ReleaseHold("ord-1", default);

        Assert.Equal(new HoldRelease("ord-1", 42m), release);
        Assert.Equal(["ord-1"], ledger.Released);
    }

    /// <summary>A ledger that only releases (the one call this test makes).</summary>
    private sealed class ReleasingLedger : ILedger
    {
        public List<string> Released { get; } = [];

        public ValueTask<HoldResult> ReserveAsync(HoldRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<PostingResult> PostAsync(JournalEntry entry, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<HoldRelease> ReleaseHoldAsync(string holdId, CancellationToken cancellationToken = default)
        {
            Released.Add(holdId);
            return ValueTask.FromResult(new HoldRelease(holdId, 42m));
        }
    }
}
