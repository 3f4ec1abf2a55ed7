using Bourse.LocalRun.Day;
using Xunit.Abstractions;

namespace Bourse.LocalHost.Tests;

/// <summary>The README's run command, small: a day of about 60 orders on its own local stack, through the HTTP API,
/// ends with every check of its summary passing (every order ended, every scenario as it must, retries and bad requests
/// answered right, reconciliation without a break, the ledger balanced, the day's SAR filed through the API with every
/// reportable order, delivered as archived and valid against the official XSD).</summary>
public sealed class DayRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_short_day_ends_with_every_check_passing()
    {
        var work = Directory.CreateTempSubdirectory("bourse-day-test-");
        try
        {
            var printed = new StringWriter();
            var exit = await DayRun.RunAsync(new DayOptions(Orders: 60, Rate: 1.5, Seed: 7, KeepRunning: false, WorkDirectory: work.FullName), printed);
            output.WriteLine(printed.ToString());

            Assert.Equal(0, exit);
            var summary = printed.ToString();
            Assert.Contains("ok    every order ended", summary, StringComparison.Ordinal);
            Assert.Contains("ok    ledger balances", summary, StringComparison.Ordinal);
            Assert.DoesNotContain("FAIL", summary, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(work.FullName, "orders.json")));
            Assert.Contains("ok    report US-FINCEN SAR: every reportable order, once", summary, StringComparison.Ordinal);
            Assert.Contains("ok    report US-FINCEN SAR: delivered file as archived, valid against EFL_SARXBatchSchema.xsd", summary, StringComparison.Ordinal);
            Assert.Contains("ok    report US-FINCEN CTR: every reportable order, once", summary, StringComparison.Ordinal);
            var delivered = Directory.GetFiles(Path.Combine(work.FullName, "regulator-outbox", "US-FINCEN"), "US-FINCEN_SAR_*_r0.xml");
            Assert.NotEmpty(delivered);
            using var file = File.OpenRead(delivered[0]);
            var schemas = Bourse.Domain.Reporting.RegulatorySchemas.Load(Bourse.Domain.Reporting.RegulatorySchemas.LocateDefaultDirectory());
            Assert.DoesNotContain(schemas.Validate("EFL_SARXBatchSchema.xsd", file), f => f.IsError);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
