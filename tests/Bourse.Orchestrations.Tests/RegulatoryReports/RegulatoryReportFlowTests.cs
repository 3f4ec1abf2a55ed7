using System.Security.Cryptography;
using System.Text;
using Bourse.Domain.Reporting;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.RegulatoryReports;
using Bourse.Orchestrations.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Bourse.Orchestrations.Tests.RegulatoryReports;

/// <summary>
/// The regulatory report end to end on the in-process Durable Task host: orders judged by the real risk rules through
/// the saga leave their flags; the report collects them, writes the FinCEN XML, validates it against the official XSD,
/// archives it once and delivers exactly what was archived. Each test has its own host, so no other test's flags fall in
/// its day.
/// </summary>
public sealed class RegulatoryReportFlowTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    private static RegulatoryReportInput Report(string type, int revision = 0, string? prior = null) => new()
    {
        Jurisdiction = "US-FINCEN",
        ReportType = type,
        ReportDate = Today,
        From = TimeProvider.System.GetUtcNow().AddHours(-1),
        To = TimeProvider.System.GetUtcNow().AddHours(1),
        Revision = revision,
        PriorDocumentNumber = prior,
        FirstRetryInterval = TimeSpan.FromMilliseconds(50),
    };

    private static async Task<RegulatoryReportResult> RunAsync(SagaHost host, RegulatoryReportInput input)
    {
        await host.Client.StartRegulatoryReportAsync(input);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(input.InstanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        return done.ReadOutputAs<RegulatoryReportResult>()!;
    }

    /// <summary>Two flagged orders of a customer in a flagged country, and one large-value order (a securities order, which a
    /// CTR does not take: CTRs are for cash).</summary>
    private static async Task<(string Flagged1, string Flagged2, string LargeValue)> TradeAsync(SagaHost host)
    {
        string myanmar = host.NewAccount(cash: 100_000m, name: "Aung Min", country: "MM");
        string wealthy = host.NewAccount(cash: 2_000_000m, name: "Wang Fang");
        string first = await host.StartAsync(SagaHost.Order(myanmar, OrderSide.Buy, 100.00m, 100));
        string second = await host.StartAsync(SagaHost.Order(myanmar, OrderSide.Buy, 101.00m, 200));
        string large = await host.StartAsync(SagaHost.Order(wealthy, OrderSide.Buy, 100.00m, 10_000));
        foreach (string order in new[] { first, second, large })
        {
            await host.StatusAsync(order, s => s.Stage == SagaStages.AwaitExecutions);
        }

        Assert.Equal(3, host.Ports.Risk.Flags.Count);
        return (first, second, large);
    }

    [Fact]
    public async Task The_days_suspicious_orders_go_out_as_one_valid_SAR_archived_once_and_delivered_as_archived()
    {
        await using var host = await SagaHost.StartAsync();
        var (first, second, large) = await TradeAsync(host);

        var result = await RunAsync(host, Report("SAR"));

        Assert.Equal(ReportStages.Submitted, result.Stage);
        Assert.Equal((2, 1), (result.Records, result.Customers));
        Assert.DoesNotContain(result.SchemaErrors, f => f.IsError);
        var archived = Assert.Single(host.Ports.ReportFiles.Archived);
        Assert.Equal(result.ArchivePath, archived.Key);
        Assert.Equal($"US-FINCEN/SAR/{Today:yyyy/MM/dd}/US-FINCEN_SAR_{Today:yyyyMMdd}_r0.xml", archived.Key);
        string sha = Convert.ToHexStringLower(SHA256.HashData(archived.Value));
        Assert.Equal(sha, result.Sha256);
        var audit = Assert.Single(host.Ports.ReportAudit.Records.Values);
        Assert.Equal((sha, archived.Value.LongLength, 2, 0), (audit.Sha256, audit.Bytes, audit.Records, audit.SchemaErrors));
        var delivered = Assert.Single(host.Ports.Regulator.Received);
        Assert.Equal("US-FINCEN/" + result.FileName, delivered.Key);
        Assert.Equal(archived.Value, delivered.Value);
        Assert.Equal(1, host.Ports.Regulator.Deliveries);

        using var file = new MemoryStream(delivered.Value);
        Assert.DoesNotContain(SagaHost.Schemas.Value.Validate("EFL_SARXBatchSchema.xsd", file), f => f.IsError);
        string xml = Encoding.UTF8.GetString(delivered.Value);
        Assert.Contains(first, xml, StringComparison.Ordinal);
        Assert.Contains(second, xml, StringComparison.Ordinal);
        Assert.DoesNotContain(large, xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_without_cash_transactions_has_no_CTR_and_writes_nothing()
    {
        await using var host = await SagaHost.StartAsync();
        await TradeAsync(host);

        var result = await RunAsync(host, Report("CTR"));

        Assert.Equal(ReportStages.NothingToReport, result.Stage);
        Assert.Equal(0, result.Records);
        Assert.Null(result.FileName);
        Assert.Empty(host.Ports.ReportFiles.Archived);
        Assert.Empty(host.Ports.Regulator.Received);
    }

    [Fact]
    public async Task A_failing_archive_is_retried_and_the_file_is_still_archived_and_delivered_once()
    {
        var files = new InMemoryReportFiles();
        var flaky = new Mock<IReportFiles>();
        flaky.Setup(f => f.StageAsync(It.IsAny<string>(), It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()))
            .Returns((string p, ReadOnlyMemory<byte> c, CancellationToken t) => files.StageAsync(p, c, t));
        flaky.Setup(f => f.ReadStagedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string p, CancellationToken t) => files.ReadStagedAsync(p, t));
        flaky.Setup(f => f.ReadArchivedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string p, CancellationToken t) => files.ReadArchivedAsync(p, t));
        // The first archive writes and then fails (the answer was lost); the retry finds the same content there.
        int calls = 0;
        flaky.Setup(f => f.ArchiveAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(async (string s, string a, string h, CancellationToken t) =>
            {
                bool wrote = await files.ArchiveAsync(s, a, h, t);
                return Interlocked.Increment(ref calls) == 1 ? throw new TimeoutException("the storage answer was lost") : wrote;
            });
        await using var host = await SagaHost.StartAsync(configure: s => s.AddSingleton(flaky.Object));
        await TradeAsync(host);

        var result = await RunAsync(host, Report("SAR"));

        Assert.Equal(ReportStages.Submitted, result.Stage);
        Assert.Equal(2, calls);
        Assert.Single(files.Archived);
        Assert.Single(host.Ports.ReportAudit.Records);
        Assert.Equal(1, host.Ports.Regulator.Deliveries);
    }

    [Fact]
    public async Task A_transaction_currency_without_an_exchange_rate_ends_assembly_failed_naming_the_order_and_files_nothing()
    {
        await using var host = await SagaHost.StartAsync(configure: s => s.PostConfigure<RegulatoryReportingOptions>(o => o.ExchangeRates.Clear()));
        var (first, second, _) = await TradeAsync(host);

        var result = await RunAsync(host, Report("SAR"));

        Assert.Equal(ReportStages.AssemblyFailed, result.Stage);
        // The first of the two in the report's order (by time judged) is named, with the field at fault.
        Assert.Matches($"^({first}|{second}): Notional.Currency: ", result.Failure);
        Assert.Empty(host.Ports.ReportFiles.Archived);
        Assert.Empty(host.Ports.Regulator.Received);
    }

    [Fact]
    public async Task A_file_the_schema_refuses_is_archived_for_the_record_with_its_findings_and_not_delivered()
    {
        await using var host = await SagaHost.StartAsync(configure: s => s.AddSingleton<IRegulatoryReportFormat>(new BrokenSarFormat()));
        await TradeAsync(host);

        var result = await RunAsync(host, Report(BrokenSarFormat.Type) with { Jurisdiction = BrokenSarFormat.Where });

        Assert.Equal(ReportStages.Invalid, result.Stage);
        Assert.Contains(result.SchemaErrors, f => f.IsError && f.Line > 0);
        Assert.Single(host.Ports.ReportFiles.Archived);
        Assert.Equal(result.SchemaErrors.Count(f => f.IsError), Assert.Single(host.Ports.ReportAudit.Records.Values).SchemaErrors);
        Assert.Empty(host.Ports.Regulator.Received);
    }

    [Fact]
    public async Task A_correction_is_its_own_revision_and_carries_the_prior_filing()
    {
        await using var host = await SagaHost.StartAsync();
        await TradeAsync(host);

        var original = await RunAsync(host, Report("SAR"));
        var correction = await RunAsync(host, Report("SAR", revision: 1, prior: "31000000000001"));

        Assert.Equal((ReportStages.Submitted, ReportStages.Submitted), (original.Stage, correction.Stage));
        Assert.NotEqual(original.ArchivePath, correction.ArchivePath);
        Assert.Equal(2, host.Ports.Regulator.Received.Count);
        Assert.Contains("31000000000001", Encoding.UTF8.GetString(host.Ports.Regulator.Received["US-FINCEN/" + correction.FileName]), StringComparison.Ordinal);
    }

    /// <summary>A format whose files the SAR schema refuses (a batch with no filing in it): the fault to inject.</summary>
    private sealed class BrokenSarFormat : IRegulatoryReportFormat
    {
        public const string Where = "TEST-BROKEN";
        public const string Type = "SAR";

        public string Jurisdiction => Where;

        public string ReportType => Type;

        public string SchemaFileName => "EFL_SARXBatchSchema.xsd";

        public bool Selects(ReportableTransaction transaction) => transaction.Flags.Count > 0;

        public void Write(ReportBatch batch, Stream output) =>
            output.Write("""<?xml version="1.0" encoding="UTF-8"?><fc2:EFilingBatchXML xmlns:fc2="www.fincen.gov/base"><fc2:Unexpected/></fc2:EFilingBatchXML>"""u8);
    }
}
