using System.Text;
using Bourse.Domain.Reporting;
using Bourse.Domain.Risk;

namespace Bourse.Domain.Tests.Reporting;

/// <summary>Filer, transactions and batches for the report tests, and the FinCEN schemas loaded once from the shared folder.</summary>
internal static class ReportingData
{
    public const decimal CnyRate = 0.1389m;

    private static readonly Lazy<RegulatorySchemas> LoadedSchemas = new(() =>
        // Not skipped when missing: the locator's exception says where it looked, and the test fails with it.
        RegulatorySchemas.Load(RegulatorySchemas.LocateDefaultDirectory(AppContext.BaseDirectory)));

    public static readonly DateTimeOffset Day = new(2026, 3, 16, 0, 0, 0, TimeSpan.Zero);

    public static RegulatorySchemas Schemas => LoadedSchemas.Value;

    public static ReportFiler Filer { get; } = new()
    {
        InstitutionName = "Bourse Securities LLC",
        TaxId = "12-3456789",
        Street = "1 Liberty Plaza",
        City = "New York",
        State = "NY",
        PostalCode = "10006",
        Country = "US",
        ContactOffice = "BSA Compliance Office",
        ContactPhone = "(212) 555-0100",
        TransmitterControlCode = "TBSE1234",
    };

    public static ReportableFlag Flag(string reasonCode) => reasonCode switch
    {
        RiskReasonCodes.StructuringSuspected => new(RiskRuleIds.Structuring, reasonCode, "3 cash transactions within 24 h just below the 50000 CNY threshold."),
        RiskReasonCodes.SanctionsNearMatch => new(RiskRuleIds.Sanctions, reasonCode, "The customer's name is close to 'WANG XIAOMING' on the sanctions list (distance 1)."),
        RiskReasonCodes.JurisdictionHighRisk => new(RiskRuleIds.Jurisdiction, reasonCode, "The counterparty's country IR is high-risk."),
        RiskReasonCodes.AmlLargeValueSingle or RiskReasonCodes.AmlLargeValueDaily => new(RiskRuleIds.LargeValue, reasonCode, "At or above the 50000 CNY cash threshold."),
        _ => new("other", reasonCode, "Other."),
    };

    public static ReportableTransaction Transaction(
        string orderId,
        string customerId = "C-1",
        decimal amount = 49_000m,
        string currency = "CNY",
        TransactionChannel channel = TransactionChannel.Cash,
        CustomerType customerType = CustomerType.Individual,
        string name = "Xiaoyu Chen",
        string country = "CN",
        OrderSide? side = null,
        int hour = 10,
        int dayOffset = 0,
        params string[] reasonCodes) =>
        new(
            orderId,
            AccountId: "A-" + customerId,
            customerId,
            customerType,
            name,
            country,
            channel,
            new Money(amount, currency),
            channel == TransactionChannel.SecuritiesOrder ? "600519" : null,
            side,
            Day.AddDays(dayOffset).AddHours(hour),
            [.. (reasonCodes.Length == 0 ? [RiskReasonCodes.StructuringSuspected] : reasonCodes).Select(Flag)]);

    public static ReportBatch Batch(IReadOnlyList<ReportableTransaction> transactions, int revision = 0, string? prior = null, IReadOnlyDictionary<string, decimal>? rates = null) =>
        new(
            DateOnly.FromDateTime(Day.DateTime),
            revision,
            prior,
            Day.AddHours(23),
            Filer,
            transactions,
            rates ?? new Dictionary<string, decimal>(StringComparer.Ordinal) { ["CNY"] = CnyRate, ["HKD"] = 0.128m });

    public static byte[] Write(IRegulatoryReportFormat format, ReportBatch batch)
    {
        using var output = new MemoryStream();
        format.Write(batch, output);
        return output.ToArray();
    }

    public static IReadOnlyList<SchemaValidationError> Validate(IRegulatoryReportFormat format, byte[] file)
    {
        using var input = new MemoryStream(file);
        return Schemas.Validate(format.SchemaFileName, input);
    }

    /// <summary>Asserts that the file validates with no error and no warning, showing the findings and the file when not.</summary>
    public static void AssertValid(IRegulatoryReportFormat format, byte[] file)
    {
        IReadOnlyList<SchemaValidationError> findings = Validate(format, file);
        Assert.True(
            findings.Count == 0,
            string.Join("\n", findings.Select(f => $"({f.Line},{f.Position}) {(f.IsError ? "error" : "warning")}: {f.Message}")) +
            "\n---\n" + Encoding.UTF8.GetString(file));
    }
}
