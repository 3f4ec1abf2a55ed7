using System.Xml.Linq;
using Bourse.Domain.Reporting;
using Bourse.Domain.Reporting.FinCen;
using Bourse.Domain.Risk;
using static Bourse.Domain.Tests.Reporting.FinCenXml;
using static Bourse.Domain.Tests.Reporting.ReportingData;

namespace Bourse.Domain.Tests.Reporting;

public sealed class FinCenCtrFormatTests
{
    private const string Single = RiskReasonCodes.AmlLargeValueSingle;
    private const string Daily = RiskReasonCodes.AmlLargeValueDaily;
    private readonly FinCenCtrFormat _ctr = new();

    // C-1: an individual paying cash in on two days; C-2: an organization paying in and being paid out (a sell);
    // C-4: an individual paying in US dollars; N-1: a large transfer, which is no CTR.
    private static ReportableTransaction[] CashTransactions() =>
    [
        Transaction("C1-A", "C-1", 30_000m, hour: 9, reasonCodes: [Daily]),
        Transaction("C1-B", "C-1", 25_000.50m, hour: 14, reasonCodes: [Daily]),
        Transaction("C1-C", "C-1", 60_000m, dayOffset: -1, reasonCodes: [Single]),
        Transaction("C2-A", "C-2", 100_000m, customerType: CustomerType.Corporate, name: "Huaxin Trading Co., Ltd.", reasonCodes: [Single]),
        Transaction("C2-B", "C-2", 70_000m, customerType: CustomerType.Corporate, name: "Huaxin Trading Co., Ltd.", side: OrderSide.Sell, reasonCodes: [Single]),
        Transaction("C4-A", "C-4", 12_000.40m, "USD", name: "John Smith", country: "US", reasonCodes: [Single]),
        Transaction("N-1", "C-5", 900_000m, channel: TransactionChannel.Transfer, reasonCodes: [Single]),
    ];

    [Fact]
    public void A_batch_of_cash_filings_validates_against_the_official_schema()
    {
        byte[] file = Write(_ctr, Batch(CashTransactions()));

        AssertValid(_ctr, file);
    }

    [Fact]
    public void One_filing_per_customer_per_day_with_cash_in_and_out_in_whole_dollars_rounded_up()
    {
        XDocument doc = Parse(Write(_ctr, Batch(CashTransactions())));

        // C-1 on the 16th: (30,000 + 25,000.50) × 0.1389 = 7,639.56945 → 7,640; on the 15th: 60,000 × 0.1389 = 8,334.
        // C-2: in 100,000 × 0.1389 = 13,890, out (the sell) 70,000 × 0.1389 = 9,723. C-4: 12,000.40 USD → 12,001.
        IReadOnlyList<XElement> activities = Activities(doc);
        Assert.Equal(4, activities.Count);
        Assert.Equal(
            ["C-1 20260316 in 7640 out ", "C-1 20260315 in 8334 out ", "C-2 20260316 in 13890 out 9723", "C-4 20260316 in 12001 out "],
            activities.Select(a =>
                $"{a.Descendants(Fc + "AccountNumberText").First().Value[2..]} {Text(a, "TransactionDateText")} in {Text(a, "TotalCashInReceiveAmountText")} out {Text(a, "TotalCashOutAmountText")}"));
        Assert.Equal("51588", (string?)doc.Root!.Attribute("TotalAmount"));
        Assert.Equal("4", (string?)doc.Root.Attribute("ActivityCount"));
        Assert.Equal("25", (string?)doc.Root.Attribute("PartyCount"));
        Assert.Equal(doc.Descendants(Fc + "Party").Count().ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)doc.Root.Attribute("PartyCount"));
    }

    [Fact]
    public void Cash_in_is_a_deposit_cash_out_a_withdrawal_and_foreign_cash_is_listed_with_its_country()
    {
        XDocument doc = Parse(Write(_ctr, Batch(CashTransactions())));

        XElement c2 = Activities(doc).Single(a => Text(a, "TotalCashOutAmountText").Length > 0);
        Assert.Equal(
            ["55/13890/", "56/9723/", "53/13890/CN", "54/9723/CN"],
            c2.Descendants(Fc + "CurrencyTransactionActivityDetail").Select(d =>
                $"{d.Element(Fc + "CurrencyTransactionActivityDetailTypeCode")!.Value}/{d.Element(Fc + "DetailTransactionAmountText")!.Value}/{d.Element(Fc + "OtherForeignCurrencyCountryText")!.Value}"));
        XElement organization = Party(c2, "23");
        Assert.Equal("Y", Text(organization, "PartyAsEntityOrganizationIndicator"));
        Assert.Equal(["8", "9"], organization.Descendants(Fc + "PartyAccountAssociationTypeCode").Select(c => c.Value));
        Assert.Equal("Y", Text(Party(c2, "17"), "EntityLastNameUnknownIndicator"));

        XElement usd = Activities(doc).Single(a => Text(a, "TotalCashInReceiveAmountText") == "12001");
        Assert.Equal(["55"], usd.Descendants(Fc + "CurrencyTransactionActivityDetailTypeCode").Select(c => c.Value));
        Assert.Equal("Smith", Text(Party(usd, "50"), "RawEntityIndividualLastName"));
    }

    [Fact]
    public void The_same_batch_gives_the_same_bytes()
    {
        ReportBatch batch = Batch(CashTransactions());

        Assert.Equal(Write(_ctr, batch), Write(new FinCenCtrFormat(), batch));
    }

    [Fact]
    public void A_correction_carries_the_indicator_and_the_prior_BSA_ID_and_validates()
    {
        byte[] file = Write(_ctr, Batch(CashTransactions(), revision: 2, prior: "31000055053785"));

        AssertValid(_ctr, file);
        foreach (XElement activity in Activities(Parse(file)))
        {
            Assert.Equal("31000055053785", Text(activity, "EFilingPriorDocumentNumber"));
            Assert.Equal("Y", Text(activity, "CorrectsAmendsPriorReportIndicator"));
            Assert.Equal(string.Empty, Text(activity, "InitialReportIndicator"));
        }
    }

    [Fact]
    public void A_currency_without_a_rate_names_the_order_and_the_field()
    {
        ReportableTransaction[] transactions = [.. CashTransactions(), Transaction("J-1", "C-6", 9_000_000m, "JPY", reasonCodes: [Single])];

        ReportAssemblyException e = Assert.Throws<ReportAssemblyException>(() => Write(_ctr, Batch(transactions)));

        Assert.Equal("J-1", e.OrderId);
        Assert.Equal("Notional.Currency", e.Field);
    }

    [Fact]
    public void Hostile_and_over_long_names_give_a_valid_file()
    {
        ReportableTransaction[] transactions =
        [
            Transaction("H-1", "C-1", 60_000m, name: "<script>&amp;\"'</script> 陈小雨", reasonCodes: [Single]),
            Transaction("H-2", "C-2", 60_000m, customerType: CustomerType.Corporate, name: new string('公', 500), reasonCodes: [Single]),
        ];

        byte[] file = Write(_ctr, Batch(transactions));

        AssertValid(_ctr, file);
        XDocument doc = Parse(file);
        Assert.Equal("<script>&amp;\"'</script>", Text(Party(ActivityOf(doc, "C-1"), "50"), "RawIndividualFirstName"));
        Assert.Equal(new string('公', 150), Text(Party(ActivityOf(doc, "C-2"), "23"), "RawEntityIndividualLastName"));
    }

    [Theory]
    [InlineData(TransactionChannel.Cash, Single, true)]
    [InlineData(TransactionChannel.Cash, Daily, true)]
    [InlineData(TransactionChannel.Cash, RiskReasonCodes.StructuringSuspected, false)]
    [InlineData(TransactionChannel.Cash, RiskReasonCodes.SanctionsNearMatch, false)]
    [InlineData(TransactionChannel.Transfer, Single, false)]
    [InlineData(TransactionChannel.SecuritiesOrder, Daily, false)]
    public void It_selects_large_cash_transactions_only(TransactionChannel channel, string reasonCode, bool selected)
    {
        Assert.Equal(selected, _ctr.Selects(Transaction("T-1", channel: channel, reasonCodes: [reasonCode])));
    }

    [Fact]
    public void A_sell_is_cash_out_and_a_cash_movement_without_side_is_cash_in()
    {
        Assert.True(FinCenCtrFormat.IsCashOut(Transaction("T-1", side: OrderSide.Sell)));
        Assert.False(FinCenCtrFormat.IsCashOut(Transaction("T-2", side: OrderSide.Buy)));
        Assert.False(FinCenCtrFormat.IsCashOut(Transaction("T-3")));
    }
}
