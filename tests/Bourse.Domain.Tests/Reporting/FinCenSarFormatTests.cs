using System.Xml.Linq;
using Bourse.Domain.Reporting;
using Bourse.Domain.Reporting.FinCen;
using Bourse.Domain.Risk;
using static Bourse.Domain.Tests.Reporting.FinCenXml;
using static Bourse.Domain.Tests.Reporting.ReportingData;

namespace Bourse.Domain.Tests.Reporting;

public sealed class FinCenSarFormatTests
{
    private readonly FinCenSarFormat _sar = new();

    // C-1: an individual, three cash transactions structured below the threshold, one also a near sanctions match.
    // C-2: an organization, a transfer involving a high-risk jurisdiction.
    // C-3: an individual, a securities order in HKD flagged as structuring and large (the large-value flag is no SAR reason).
    private static ReportableTransaction[] MixedTransactions() =>
    [
        Transaction("T-1", "C-1", 49_999.99m, hour: 9),
        Transaction("T-2", "C-1", 48_500.50m, hour: 11),
        Transaction("W-1", "C-2", 1_200_000m, channel: TransactionChannel.Transfer, customerType: CustomerType.Corporate, name: "Huaxin Trading Co., Ltd.", country: "HK", reasonCodes: [RiskReasonCodes.JurisdictionHighRisk]),
        Transaction("T-3", "C-1", 47_000.01m, hour: 15, reasonCodes: [RiskReasonCodes.StructuringSuspected, RiskReasonCodes.SanctionsNearMatch]),
        Transaction("O-1", "C-3", 80_000m, "HKD", TransactionChannel.SecuritiesOrder, side: OrderSide.Buy, name: "Maria Garcia", country: "US", dayOffset: -1, reasonCodes: [RiskReasonCodes.StructuringSuspected, RiskReasonCodes.AmlLargeValueSingle]),
        Transaction("O-2", "C-3", 20_000m, "HKD", TransactionChannel.SecuritiesOrder, side: OrderSide.Sell, name: "Maria Garcia", country: "US", reasonCodes: [RiskReasonCodes.StructuringSuspected]),
    ];

    [Fact]
    public void A_batch_of_individuals_and_organizations_with_several_flags_validates_against_the_official_schema()
    {
        byte[] file = Write(_sar, Batch(MixedTransactions()));

        AssertValid(_sar, file);
        Assert.All(Schemas.CompileWarnings(_sar.SchemaFileName), w => Assert.Contains("absolute URI", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void One_filing_per_customer_sums_its_transactions_in_USD_rounded_up_to_the_whole_dollar()
    {
        XDocument doc = Parse(Write(_sar, Batch(MixedTransactions())));

        // C-1: 49,999.99 + 48,500.50 + 47,000.01 = 145,500.50 CNY; × 0.1389 = 20,210.01945 USD → 20,211 (rounded up, not to 20,210).
        // C-2: 1,200,000 × 0.1389 = 166,680 exactly. C-3: (80,000 + 20,000) HKD × 0.128 = 12,800.
        Assert.Equal(3, Activities(doc).Count);
        Assert.Equal("20211", Text(ActivityOf(doc, "C-1"), "TotalSuspiciousAmountText"));
        Assert.Equal("166680", Text(ActivityOf(doc, "C-2"), "TotalSuspiciousAmountText"));
        Assert.Equal("12800", Text(ActivityOf(doc, "C-3"), "TotalSuspiciousAmountText"));
        Assert.Equal("199691", (string?)doc.Root!.Attribute("TotalAmount"));
        Assert.Equal("3", (string?)doc.Root.Attribute("ActivityCount"));
        Assert.Equal(doc.Descendants(Fc + "Party").Count().ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)doc.Root.Attribute("PartyCount"));
        Assert.Equal("21", (string?)doc.Root.Attribute("PartyCount"));
        Assert.Equal("0", (string?)doc.Root.Attribute("ActivityAttachmentCount"));
        Assert.Equal("0", (string?)doc.Root.Attribute("AttachmentCount"));
    }

    [Fact]
    public void The_activity_dates_are_the_first_and_last_evaluation_days_of_the_customer()
    {
        XDocument doc = Parse(Write(_sar, Batch(MixedTransactions())));

        XElement c3 = ActivityOf(doc, "C-3");
        Assert.Equal("20260315", Text(c3, "SuspiciousActivityFromDateText"));
        Assert.Equal("20260316", Text(c3, "SuspiciousActivityToDateText"));
        Assert.Equal("20260316", Text(c3, "FilingDateText"));
    }

    [Fact]
    public void Reason_codes_map_to_FinCEN_suspicious_activity_classifications()
    {
        XDocument doc = Parse(Write(_sar, Batch(MixedTransactions())));

        Assert.Equal(["1/114/", "9/9999/Near match to a sanctions list name"], Classifications(ActivityOf(doc, "C-1")));
        Assert.Equal(["9/928/"], Classifications(ActivityOf(doc, "C-2")));
        Assert.Equal(["1/1999/Amounts just below the AML large-value threshold"], Classifications(ActivityOf(doc, "C-3")));
    }

    [Fact]
    public void The_subject_is_an_individual_or_an_organization_with_unknown_data_marked_unknown()
    {
        XDocument doc = Parse(Write(_sar, Batch(MixedTransactions())));

        XElement person = Party(ActivityOf(doc, "C-1"), "33");
        Assert.Equal("Chen", Text(person, "RawEntityIndividualLastName"));
        Assert.Equal("Xiaoyu", Text(person, "RawIndividualFirstName"));
        Assert.Equal("Y", Text(person, "BirthDateUnknownIndicator"));
        Assert.Equal("Y", Text(person, "TINUnknownIndicator"));
        Assert.Equal("Y", Text(person, "StreetAddressUnknownIndicator"));
        Assert.Equal("CN", Text(person, "RawCountryCodeText"));
        Assert.Empty(person.Descendants(Fc + "PartyAsEntityOrganizationIndicator"));

        XElement organization = Party(ActivityOf(doc, "C-2"), "33");
        Assert.Equal("Y", Text(organization, "PartyAsEntityOrganizationIndicator"));
        Assert.Equal("Huaxin Trading Co., Ltd.", Text(organization, "RawEntityIndividualLastName"));
        Assert.Empty(organization.Descendants(Fc + "RawIndividualFirstName"));
        Assert.Empty(organization.Descendants(Fc + "BirthDateUnknownIndicator"));

        // Every party FinCEN requires of a filing: transmitter, its contact, filer, contact office, location, subject.
        foreach (XElement activity in Activities(doc))
        {
            Assert.Equal(["35", "37", "30", "8", "34", "33"], activity.Elements(Fc + "Party").Select(p => p.Element(Fc + "ActivityPartyTypeCode")!.Value));
        }
    }

    [Fact]
    public void The_narrative_tells_each_order_and_rule_sentence()
    {
        XDocument doc = Parse(Write(_sar, Batch(MixedTransactions())));

        string narrative = Text(ActivityOf(doc, "C-1"), "ActivityNarrativeText");
        Assert.Contains("T-1", narrative, StringComparison.Ordinal);
        Assert.Contains("T-2", narrative, StringComparison.Ordinal);
        Assert.Contains("T-3", narrative, StringComparison.Ordinal);
        Assert.Contains(Flag(RiskReasonCodes.SanctionsNearMatch).Detail, narrative, StringComparison.Ordinal);
        Assert.Contains(Flag(RiskReasonCodes.StructuringSuspected).Detail, narrative, StringComparison.Ordinal);
        Assert.DoesNotContain(RiskReasonCodes.AmlLargeValueSingle, Text(ActivityOf(doc, "C-3"), "ActivityNarrativeText"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_narrative_is_split_into_at_most_five_blocks_and_validates()
    {
        ReportableTransaction[] many = [.. Enumerable.Range(0, 400).Select(i => Transaction($"T-{i:D4}", "C-1", 1_000m, hour: i % 24))];

        byte[] file = Write(_sar, Batch(many));

        AssertValid(_sar, file);
        XElement[] blocks = [.. Parse(file).Descendants(Fc + "ActivityNarrativeText")];
        Assert.Equal(5, blocks.Length);
        Assert.All(blocks, b => Assert.InRange(b.Value.Length, 1, 4000));
    }

    [Fact]
    public void SeqNums_are_unique_in_the_file()
    {
        XDocument doc = Parse(Write(_sar, Batch(MixedTransactions())));

        string[] seqNums = [.. doc.Descendants().Select(e => (string?)e.Attribute("SeqNum")).OfType<string>()];
        Assert.True(seqNums.Length > 50);
        Assert.Equal(seqNums.Length, seqNums.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_same_batch_gives_the_same_bytes_UTF8_without_a_byte_order_mark()
    {
        ReportBatch batch = Batch(MixedTransactions());

        byte[] first = Write(_sar, batch);
        byte[] second = Write(new FinCenSarFormat(), batch);

        Assert.Equal(first, second);
        Assert.Equal("<?xml"u8.ToArray(), first[..5]);
    }

    [Fact]
    public void A_correction_carries_the_indicator_and_the_prior_BSA_ID_and_validates()
    {
        byte[] file = Write(_sar, Batch(MixedTransactions(), revision: 1, prior: "31000055053784"));

        AssertValid(_sar, file);
        foreach (XElement activity in Activities(Parse(file)))
        {
            Assert.Equal("31000055053784", Text(activity, "EFilingPriorDocumentNumber"));
            Assert.Equal("Y", Text(activity, "CorrectsAmendsPriorReportIndicator"));
            Assert.Empty(activity.Descendants(Fc + "InitialReportIndicator"));
        }
    }

    [Fact]
    public void A_first_filing_is_an_initial_report_and_cannot_name_a_prior_document()
    {
        XElement activity = Activities(Parse(Write(_sar, Batch(MixedTransactions()))))[0];

        Assert.Equal("Y", Text(activity, "InitialReportIndicator"));
        Assert.Empty(activity.Descendants(Fc + "EFilingPriorDocumentNumber"));
        ReportAssemblyException e = Assert.Throws<ReportAssemblyException>(() => Write(_sar, Batch(MixedTransactions(), revision: 0, prior: "31000055053784")));
        Assert.Contains(nameof(ReportBatch.PriorDocumentNumber), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_currency_without_a_rate_names_the_order_and_the_field()
    {
        ReportableTransaction[] transactions = [Transaction("T-1"), Transaction("E-7", "C-5", 10_000m, "EUR")];

        ReportAssemblyException e = Assert.Throws<ReportAssemblyException>(() => Write(_sar, Batch(transactions)));

        Assert.Equal("E-7", e.OrderId);
        Assert.Equal("Notional.Currency", e.Field);
        Assert.Contains("EUR", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_filer_without_a_taxpayer_id_cannot_file()
    {
        ReportBatch batch = Batch(MixedTransactions()) with { Filer = Filer with { TaxId = "" } };

        ReportAssemblyException e = Assert.Throws<ReportAssemblyException>(() => Write(_sar, batch));

        Assert.Contains("Filer.TaxId", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tom & Jerry <\"O'Brien\">", CustomerType.Individual)]
    [InlineData("王小明", CustomerType.Individual)]
    [InlineData("北京 & 上海 <贸易> \"有限公司\"", CustomerType.Corporate)]
    [InlineData("Line\r\nbreak\ttab\u0001control  spaces ", CustomerType.Individual)]
    public void Hostile_names_give_a_valid_file_that_keeps_the_name(string name, CustomerType type)
    {
        byte[] file = Write(_sar, Batch([Transaction("T-1", name: name, customerType: type)]));

        AssertValid(_sar, file);
        XElement subject = Party(Activities(Parse(file))[0], "33");
        string written = string.Join(" ", new[] { Text(subject, "RawIndividualFirstName", optional: true), Text(subject, "RawEntityIndividualLastName") }.Where(s => s.Length > 0));
        Assert.Equal(string.Join(" ", name.Split([' ', '\r', '\n', '\t', '\u0001'], StringSplitOptions.RemoveEmptyEntries)), written);
    }

    [Theory]
    [InlineData(CustomerType.Individual)]
    [InlineData(CustomerType.Corporate)]
    public void Over_long_names_are_cut_to_the_schema_maximum(CustomerType type)
    {
        string name = string.Concat(Enumerable.Repeat("名字 Ab&", 62)) + "Z" + new string('x', 4) + " " + new string('y', 500);

        byte[] file = Write(_sar, Batch([Transaction("T-1", name: name, customerType: type)]));

        AssertValid(_sar, file);
        XElement subject = Party(Activities(Parse(file))[0], "33");
        Assert.Equal(150, Text(subject, "RawEntityIndividualLastName").Length);
        if (type == CustomerType.Individual)
        {
            Assert.InRange(Text(subject, "RawIndividualFirstName").Length, 30, 35);
        }
    }

    [Theory]
    [InlineData(RiskReasonCodes.StructuringSuspected, true)]
    [InlineData(RiskReasonCodes.SanctionsNearMatch, true)]
    [InlineData(RiskReasonCodes.JurisdictionHighRisk, true)]
    [InlineData(RiskReasonCodes.AmlLargeValueSingle, false)]
    [InlineData(RiskReasonCodes.AmlLargeValueDaily, false)]
    [InlineData(RiskReasonCodes.SanctionsExactMatch, false)]
    public void It_selects_the_suspicious_reason_codes_on_any_channel(string reasonCode, bool selected)
    {
        foreach (TransactionChannel channel in Enum.GetValues<TransactionChannel>())
        {
            Assert.Equal(selected, _sar.Selects(Transaction("T-1", channel: channel, reasonCodes: [reasonCode])));
        }

        Assert.True(_sar.Selects(Transaction("T-2", reasonCodes: [RiskReasonCodes.AmlLargeValueSingle, RiskReasonCodes.SanctionsNearMatch])));
    }

    [Fact]
    public void Transactions_it_does_not_select_are_left_out_and_an_empty_batch_is_refused()
    {
        ReportableTransaction large = Transaction("L-1", "C-9", reasonCodes: [RiskReasonCodes.AmlLargeValueSingle]);

        XDocument doc = Parse(Write(_sar, Batch([Transaction("T-1"), large])));

        Assert.Single(Activities(doc));
        Assert.DoesNotContain("L-1", Text(Activities(doc)[0], "ActivityNarrativeText"), StringComparison.Ordinal);
        Assert.Throws<ReportAssemblyException>(() => Write(_sar, Batch([large])));
    }

    private static string[] Classifications(XElement activity) =>
    [
        .. activity.Descendants(Fc + "SuspiciousActivityClassification").Select(c =>
            $"{c.Element(Fc + "SuspiciousActivityTypeID")!.Value}/{c.Element(Fc + "SuspiciousActivitySubtypeID")!.Value}/{(string?)c.Element(Fc + "OtherSuspiciousActivityTypeText")}"),
    ];
}
