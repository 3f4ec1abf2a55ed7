using Bourse.Domain.Reporting;
using Bourse.Domain.Reporting.FinCen;

namespace Bourse.Domain.Tests.Reporting;

public sealed class RegulatoryReportFormatsTests
{
    [Fact]
    public void It_lists_the_FinCEN_SAR_and_CTR_each_with_a_schema_that_is_there()
    {
        Assert.Equal(["US-FINCEN/SAR", "US-FINCEN/CTR"], RegulatoryReportFormats.All.Select(f => $"{f.Jurisdiction}/{f.ReportType}"));
        Assert.IsType<FinCenSarFormat>(RegulatoryReportFormats.Get("US-FINCEN", "SAR"));
        Assert.IsType<FinCenCtrFormat>(RegulatoryReportFormats.Get("US-FINCEN", "CTR"));
        Assert.All(RegulatoryReportFormats.All, f => Assert.Contains(f.SchemaFileName, ReportingData.Schemas.SchemaFileNames));
    }

    [Fact]
    public void An_unknown_format_is_not_found()
    {
        Assert.False(RegulatoryReportFormats.TryGet("CN-CAMLMAC", "LTR", out _));
        KeyNotFoundException e = Assert.Throws<KeyNotFoundException>(() => RegulatoryReportFormats.Get("US-FINCEN", "sar"));
        Assert.Contains("US-FINCEN/SAR", e.Message, StringComparison.Ordinal);
    }
}
