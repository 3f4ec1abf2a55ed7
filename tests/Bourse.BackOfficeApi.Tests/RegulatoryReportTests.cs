using Bourse.Domain.Reporting.FinCen;
using Bourse.Orchestrations.RegulatoryReports;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.BackOfficeApi.Tests;

public sealed class RegulatoryReportTests
{
    // 2026-11-26 02:00 UTC is 10:00 in Shanghai.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
    private readonly FakeDurableClient _durable = new();
    private readonly InMemoryStartClaims _claims = new();

    private RegulatoryReportHandlers Handlers(params string[] scheduled)
    {
        var reporting = new RegulatoryReportingOptions { BusinessTimeZone = "Asia/Shanghai" };
        foreach (var report in scheduled)
        {
            reporting.Scheduled.Add(report);
        }

        return new(new RegulatoryReportFormatCatalog([new FinCenSarFormat(), new FinCenCtrFormat()]), Options.Create(reporting),
            Options.Create(new BackOfficeApiOptions()), _clock, NullLogger<RegulatoryReportHandlers>.Instance, _claims);
    }

    [Fact]
    public async Task Identical_requests_at_once_start_one_run_and_the_others_answer_with_it()
    {
        const string body = """{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"SAR"}""";
        var handlers = Handlers();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var request = Http.Request(body);
            return (await Http.ExecuteAsync(await handlers.StartReportAsync(request, _durable.Client), request)).Status;
        }));

        Assert.Single(_durable.Scheduled);
        Assert.Equal(1, statuses.Count(s => s == 202));
        Assert.Equal(7, statuses.Count(s => s == 200));
    }

    [Fact]
    public async Task A_request_that_finds_another_starting_the_run_answers_202_and_starts_nothing()
    {
        // Another request claimed the run a moment ago and has not started it yet.
        Assert.True(await _claims.TryClaimAsync("report-us-fincen-sar-2026-11-25-r0"));
        var request = Http.Request("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"SAR"}""");

        var response = await Http.ExecuteAsync(await Handlers().StartReportAsync(request, _durable.Client), request);

        Assert.Equal(202, response.Status);
        Assert.Equal("/api/reports/report-us-fincen-sar-2026-11-25-r0", response.Headers.Location.ToString());
        Assert.Empty(_durable.Scheduled);
        Assert.Equal(0, _claims.TakeOvers);
    }

    [Fact]
    public async Task A_day_starts_one_report_named_by_jurisdiction_type_day_and_revision_with_the_business_days_instants()
    {
        var request = Http.Request("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"SAR"}""");

        var response = await Http.ExecuteAsync(await Handlers().StartReportAsync(request, _durable.Client), request);

        Assert.Equal(202, response.Status);
        var (name, id, started) = Assert.Single(_durable.Scheduled);
        Assert.Equal(RegulatoryReportOrchestration.Name, name);
        Assert.Equal("report-us-fincen-sar-2026-11-25-r0", id);
        Assert.Equal("/api/reports/report-us-fincen-sar-2026-11-25-r0", response.Headers.Location.ToString());
        var input = Assert.IsType<RegulatoryReportInput>(started);
        // Midnight to midnight in Shanghai (UTC+8): 16:00 UTC the day before to 16:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero), input.From.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero), input.To.ToUniversalTime());
        Assert.True(input.Submit);
        Assert.Equal("US-FINCEN_SAR_20261125_r0.xml", input.FileName);
    }

    [Fact]
    public async Task The_same_day_again_answers_200_with_the_run_that_exists_and_starts_nothing()
    {
        var first = Http.Request("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"CTR"}""");
        await Handlers().StartReportAsync(first, _durable.Client);
        var second = Http.Request("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"CTR"}""");

        var response = await Http.ExecuteAsync(await Handlers().StartReportAsync(second, _durable.Client), second);

        Assert.Equal(200, response.Status);
        Assert.Single(_durable.Scheduled);
        Assert.Equal("report-us-fincen-ctr-2026-11-25-r0", response.Json.GetProperty("reportId").GetString());
    }

    [Fact]
    public async Task A_correction_is_a_new_revision_that_names_the_filing_it_corrects()
    {
        var request = Http.Request("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"SAR","revision":1,"priorDocumentNumber":"31000000000001"}""");

        var response = await Http.ExecuteAsync(await Handlers().StartReportAsync(request, _durable.Client), request);

        Assert.Equal(202, response.Status);
        var input = Assert.IsType<RegulatoryReportInput>(Assert.Single(_durable.Scheduled).Input);
        Assert.Equal((1, "31000000000001"), (input.Revision, input.PriorDocumentNumber));
        Assert.Equal("report-us-fincen-sar-2026-11-25-r1", input.InstanceId);
    }

    [Theory]
    [InlineData("""{"jurisdiction":"US-FINCEN","reportType":"SAR"}""", "reportDate")]
    [InlineData("""{"reportDate":"2026-11-27","jurisdiction":"US-FINCEN","reportType":"SAR"}""", "reportDate")]
    [InlineData("""{"reportDate":"25/11/2026","jurisdiction":"US-FINCEN","reportType":"SAR"}""", "reportDate")]
    [InlineData("""{"reportDate":"2026-11-25","reportType":"SAR"}""", "jurisdiction")]
    [InlineData("""{"reportDate":"2026-11-25","jurisdiction":"CN-CAMLMAC","reportType":"SAR"}""", "jurisdiction")]
    [InlineData("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN"}""", "reportType")]
    [InlineData("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"STR"}""", "reportType")]
    [InlineData("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"SAR","revision":-1}""", "revision")]
    [InlineData("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"SAR","revision":1}""", "priorDocumentNumber")]
    [InlineData("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"SAR","priorDocumentNumber":"31000000000001"}""", "priorDocumentNumber")]
    [InlineData("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"SAR","revision":2,"priorDocumentNumber":"31-0000"}""", "priorDocumentNumber")]
    [InlineData("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"SAR","submit":"yes"}""", "submit")]
    [InlineData("""{"reportDate":"2026-11-25","jurisdiction":"US-FINCEN","reportType":"SAR","extra":1}""", "extra")]
    [InlineData("""[1,2]""", "body")]
    public async Task Bad_input_is_a_400_naming_the_field_and_starts_nothing(string body, string field)
    {
        var request = Http.Request(body);

        var response = await Http.ExecuteAsync(await Handlers().StartReportAsync(request, _durable.Client), request);

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains(field, response.ProblemFields);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task A_report_is_read_with_its_stage_and_anything_else_is_404()
    {
        var result = new RegulatoryReportResult(ReportStages.Submitted, 3, 2, "f.xml", "a/f.xml", "ab", 10, [], "US-FINCEN/f.xml", null);
        _durable.Instances["report-x"] = FakeDurableClient.Instance(RegulatoryReportOrchestration.Name, "report-x", null, OrchestrationRuntimeStatus.Completed, output: result);
        _durable.Instances["order-1"] = FakeDurableClient.Instance("OrderToClearing", "order-1", null, OrchestrationRuntimeStatus.Completed);
        _durable.Instances["report-running"] = FakeDurableClient.Instance(
            RegulatoryReportOrchestration.Name, "report-running", null, OrchestrationRuntimeStatus.Running, new RegulatoryReportStatus(ReportStages.Assembling, 4));

        var found = await Http.ExecuteAsync(await RegulatoryReportHandlers.GetReportAsync("report-x", _durable.Client));
        var running = await Http.ExecuteAsync(await RegulatoryReportHandlers.GetReportAsync("report-running", _durable.Client));
        var order = await Http.ExecuteAsync(await RegulatoryReportHandlers.GetReportAsync("order-1", _durable.Client));
        var missing = await Http.ExecuteAsync(await RegulatoryReportHandlers.GetReportAsync("nothing", _durable.Client));

        Assert.Equal(200, found.Status);
        Assert.Equal("Submitted", found.Json.GetProperty("stage").GetString());
        Assert.Equal(3, found.Json.GetProperty("result").GetProperty("Records").GetInt32());
        Assert.Equal("Assembling", running.Json.GetProperty("stage").GetString());
        Assert.Equal((404, 404), (order.Status, missing.Status));
    }

    [Fact]
    public async Task The_timer_files_each_configured_report_for_the_business_day_once_and_skips_what_it_does_not_know()
    {
        var handlers = Handlers("US-FINCEN/SAR", "US-FINCEN/CTR", "XX/NOPE", "garbage");
        // 09:30 UTC is 17:30 in Shanghai, the same calendar day.
        var firedAt = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

        var started = await handlers.RunScheduledReportsAsync(_durable.Client, firedAt);
        var again = await handlers.RunScheduledReportsAsync(_durable.Client, firedAt);

        Assert.Equal(["report-us-fincen-sar-2026-11-25-r0", "report-us-fincen-ctr-2026-11-25-r0"], started);
        Assert.Empty(again);
        Assert.Equal(2, _durable.Scheduled.Count);
    }

    [Fact]
    public async Task Late_evening_utc_is_already_the_next_business_day_in_shanghai()
    {
        var started = await Handlers("US-FINCEN/SAR").RunScheduledReportsAsync(_durable.Client, new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero));

        Assert.Equal(["report-us-fincen-sar-2026-11-26-r0"], started);
    }
}

public sealed class RegulatoryReportTimerServiceTests
{
    [Fact]
    public async Task The_local_hosts_timer_files_on_the_same_ncrontab_schedule_as_the_functions_timer()
    {
        // Thursday 2026-11-26 09:00 UTC; the schedule is business days 09:30 UTC (17:30 in Shanghai).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var durable = new FakeDurableClient();
        var reporting = new RegulatoryReportingOptions();
        reporting.Scheduled.Add("US-FINCEN/SAR");
        var reports = new RegulatoryReportHandlers(new RegulatoryReportFormatCatalog([new FinCenSarFormat(), new FinCenCtrFormat()]), Options.Create(reporting),
            Options.Create(new BackOfficeApiOptions()), clock, NullLogger<RegulatoryReportHandlers>.Instance);
        var service = new Hosting.RegulatoryReportTimerService(
            reports, durable.Client, new Hosting.RegulatoryReportSchedule("0 30 9 * * 1-5"), clock, NullLogger<Hosting.RegulatoryReportTimerService>.Instance);
        await service.StartAsync(default);
        await Task.Delay(500); // ExecuteAsync starts on the thread pool: let it set its delay on the fake clock

        clock.Advance(TimeSpan.FromMinutes(30));
        await WaitForAsync(() => durable.Scheduled.Count == 1);
        clock.Advance(TimeSpan.FromDays(1)); // Friday
        await WaitForAsync(() => durable.Scheduled.Count == 2);
        clock.Advance(TimeSpan.FromDays(2)); // Sunday: no business day
        await Task.Delay(200);
        await service.StopAsync(default);

        Assert.Equal(["report-us-fincen-sar-2026-11-26-r0", "report-us-fincen-sar-2026-11-27-r0"], durable.Scheduled.Select(s => s.InstanceId));
    }

    [Fact]
    public void A_bad_schedule_stops_the_host_at_start_with_its_reason() =>
        Assert.Throws<NCrontab.CrontabException>(() => new Hosting.RegulatoryReportSchedule("every day at half past five"));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
