using System.Globalization;
using Bourse.Domain.Risk;

namespace Bourse.Domain.Reporting.FinCen;

/// <summary>
/// FinCEN Currency Transaction Report, BSA E-Filing batch (<c>CTRX</c>, schema v1.2): one filing (<c>Activity</c>) per
/// customer per day for the cash transactions that a large-value rule flagged.
/// </summary>
/// <remarks>
/// <para>Direction: cash the customer hands over is cash in, cash paid to the customer is cash out. A cash movement
/// carries no side (sides are for securities orders), so it is cash in, a deposit (detail 55); a sell paid in cash is
/// cash out, a withdrawal (56). Cash in a currency other than USD is also listed as foreign cash in/out (53/54) with
/// the issuing country taken from the currency code (CNY → CN).</para>
/// <para>Each direction's total is the sum of its transactions converted exactly to USD with the batch's rates,
/// rounded once up to the next whole dollar. The day is the calendar day of <see cref="ReportableTransaction.EvaluatedAt"/>
/// in the offset it carries.</para>
/// <para>Parties: transmitter 35, transmitter contact 37, filing institution 30, contact for assistance 8, transaction
/// location 34, and the customer: an individual as the person conducting on their own behalf (50); an organization as
/// the person on whose behalf (23), with the conductor (17) marked unknown, since the back office does not record who
/// brought the cash.</para>
/// </remarks>
public sealed class FinCenCtrFormat : IRegulatoryReportFormat
{
    /// <summary>The reason codes this report takes (on a cash transaction).</summary>
    public static readonly IReadOnlySet<string> LargeValueReasonCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        RiskReasonCodes.AmlLargeValueSingle,
        RiskReasonCodes.AmlLargeValueDaily,
    };

    private const int InstitutionParties = 5;

    /// <inheritdoc />
    public string Jurisdiction => "US-FINCEN";

    /// <inheritdoc />
    public string ReportType => "CTR";

    /// <inheritdoc />
    public string SchemaFileName => "EFL_CTRXBatchSchema.xsd";

    /// <inheritdoc />
    public bool Selects(ReportableTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Channel == TransactionChannel.Cash && transaction.Flags.Any(f => LargeValueReasonCodes.Contains(f.ReasonCode));
    }

    /// <summary>Whether <paramref name="transaction"/> is cash out (paid to the customer): a sell; anything else is cash in.</summary>
    public static bool IsCashOut(ReportableTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Side == OrderSide.Sell;
    }

    /// <inheritdoc />
    public void Write(ReportBatch batch, Stream output)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(output);

        // Everything that can fail is checked before the first byte, so a failed batch leaves no half-written file.
        FinCenFiler filer = FinCenFiler.From(batch.Filer);
        string? prior = FinCenCorrection.PriorDocumentNumber(batch);
        List<Filing> filings = Plan(batch);
        decimal total = filings.Sum(f => f.CashIn + f.CashOut);
        int parties = filings.Sum(f => f.PartyCount);
        DateOnly filingDate = DateOnly.FromDateTime(batch.PreparedAt.UtcDateTime);

        FinCenXmlWriter.WriteBatch(output, "CTRX", total, parties, filings, (xml, filing) => WriteActivity(xml, filer, filing, prior, filingDate));
    }

    private List<Filing> Plan(ReportBatch batch)
    {
        var filings = new List<Filing>();
        var groups = batch.Transactions
            .Where(Selects)
            .GroupBy(t => (t.CustomerId, Day: DateOnly.FromDateTime(t.EvaluatedAt.DateTime)));
        foreach (var group in groups)
        {
            ReportableTransaction first = group.First();
            if (string.IsNullOrWhiteSpace(first.CustomerId))
            {
                throw new ReportAssemblyException(first.OrderId, nameof(ReportableTransaction.CustomerId), "the customer id is required");
            }

            decimal inUsd = 0m, outUsd = 0m;
            var foreign = new SortedDictionary<(bool Out, string Currency), decimal>();
            var accounts = new SortedSet<(string Account, bool Out)>();
            foreach (ReportableTransaction t in group)
            {
                decimal usd = FinCenMoney.ToUsd(t, batch.ExchangeRates);
                bool isOut = IsCashOut(t);
                if (isOut)
                {
                    outUsd += usd;
                }
                else
                {
                    inUsd += usd;
                }

                if (!string.Equals(t.Notional.Currency, FinCenMoney.Usd, StringComparison.Ordinal))
                {
                    foreign[(isOut, t.Notional.Currency)] = foreign.GetValueOrDefault((isOut, t.Notional.Currency)) + usd;
                }

                if (!string.IsNullOrWhiteSpace(t.AccountId))
                {
                    accounts.Add((t.AccountId, isOut));
                }
            }

            decimal cashIn = FinCenMoney.WholeDollars(inUsd), cashOut = FinCenMoney.WholeDollars(outUsd);
            _ = FinCenMoney.Text(cashIn, first.OrderId, "TotalCashInReceiveAmountText");
            _ = FinCenMoney.Text(cashOut, first.OrderId, "TotalCashOutAmountText");
            filings.Add(new Filing(
                first,
                group.Key.Day,
                group.Count(),
                cashIn,
                cashOut,
                [.. foreign.Select(f => (f.Key.Out, f.Key.Currency, FinCenMoney.WholeDollars(f.Value)))],
                [.. accounts.Take(198)]));
        }

        return filings.Count > 0
            ? filings
            : throw new ReportAssemblyException("Transactions: the batch has no large cash transaction; FinCEN takes no empty CTR batch");
    }

    private static void WriteActivity(FinCenXmlWriter xml, FinCenFiler filer, Filing filing, string? prior, DateOnly filingDate)
    {
        xml.Start("Activity");
        if (prior is not null)
        {
            xml.Value("EFilingPriorDocumentNumber", prior);
        }

        xml.Date("FilingDateText", filingDate);

        // The CTR schema requires all three indicators; the ones not set stay empty.
        xml.Start("ActivityAssociation");
        if (prior is null)
        {
            xml.Blank("CorrectsAmendsPriorReportIndicator");
        }
        else
        {
            xml.Yes("CorrectsAmendsPriorReportIndicator");
        }

        xml.Blank("FinCENDirectBackFileIndicator");
        if (prior is null)
        {
            xml.Yes("InitialReportIndicator");
        }
        else
        {
            xml.Blank("InitialReportIndicator");
        }

        xml.End();

        filer.WriteTransmitter(xml);
        filer.WriteTransmitterContact(xml);
        WriteInstitution(xml, filer, "30", null);
        filer.WriteContactOffice(xml);
        WriteInstitution(xml, filer, "34", filing);
        WriteCustomer(xml, filing);
        if (filing.Customer.CustomerType == CustomerType.Corporate)
        {
            WriteUnknownConductor(xml);
        }

        WriteCurrencyTransactionActivity(xml, filing);
        xml.End();
    }

    private static void WriteInstitution(FinCenXmlWriter xml, FinCenFiler filer, string partyType, Filing? location)
    {
        xml.Start("Party");
        xml.Value("ActivityPartyTypeCode", partyType);
        if (location is not null)
        {
            WriteCashAmounts(xml, location);
        }

        filer.WriteInstitution(xml);
        xml.End();
    }

    private static void WriteCustomer(FinCenXmlWriter xml, Filing filing)
    {
        ReportableTransaction customer = filing.Customer;
        bool individual = customer.CustomerType != CustomerType.Corporate;
        xml.Start("Party");
        xml.Value("ActivityPartyTypeCode", individual ? "50" : "23");
        if (individual)
        {
            xml.Yes("BirthDateUnknownIndicator");
        }

        WriteCashAmounts(xml, filing);
        if (filing.TransactionCount > 1)
        {
            xml.Yes("MultipleTransactionsPersonsIndividualsIndicator");
        }

        if (individual)
        {
            xml.Yes("UnknownGenderIndicator");
        }
        else
        {
            xml.Yes("PartyAsEntityOrganizationIndicator");
        }

        FinCenSubject.WriteName(xml, customer);
        FinCenSubject.WriteAddress(xml, customer);
        FinCenSubject.WriteIdentificationsUnknown(xml);
        foreach ((string account, bool isOut) in filing.Accounts)
        {
            xml.Start("Account");
            xml.Text("AccountNumberText", account, FinCenLimits.AccountNumber);
            xml.Start("PartyAccountAssociation");
            xml.Value("PartyAccountAssociationTypeCode", isOut ? "9" : "8");
            xml.End();
            xml.End();
        }

        xml.End();
    }

    private static void WriteUnknownConductor(FinCenXmlWriter xml)
    {
        xml.Start("Party");
        xml.Value("ActivityPartyTypeCode", "17");
        xml.Yes("BirthDateUnknownIndicator");
        xml.Yes("UnknownGenderIndicator");
        xml.Start("PartyName");
        xml.Yes("EntityLastNameUnknownIndicator");
        xml.Yes("FirstNameUnknownIndicator");
        xml.Value("PartyNameTypeCode", "L");
        xml.End();
        xml.Start("Address");
        xml.Yes("CityUnknownIndicator");
        xml.Yes("CountryCodeUnknownIndicator");
        xml.Yes("StateCodeUnknownIndicator");
        xml.Yes("StreetAddressUnknownIndicator");
        xml.Yes("ZIPCodeUnknownIndicator");
        xml.End();
        xml.Start("PartyIdentification");
        xml.Yes("TINUnknownIndicator");
        xml.End();
        xml.End();
    }

    private static void WriteCashAmounts(FinCenXmlWriter xml, Filing filing)
    {
        if (filing.CashIn > 0)
        {
            xml.Value("IndividualEntityCashInAmountText", FinCenMoney.Text(filing.CashIn, filing.Customer.OrderId, "IndividualEntityCashInAmountText"));
        }

        if (filing.CashOut > 0)
        {
            xml.Value("IndividualEntityCashOutAmountText", FinCenMoney.Text(filing.CashOut, filing.Customer.OrderId, "IndividualEntityCashOutAmountText"));
        }
    }

    private static void WriteCurrencyTransactionActivity(FinCenXmlWriter xml, Filing filing)
    {
        string orderId = filing.Customer.OrderId;
        xml.Start("CurrencyTransactionActivity");
        xml.Blank("AggregateTransactionIndicator");
        xml.Blank("ArmoredCarServiceIndicator");
        xml.Blank("ATMIndicator");
        xml.Blank("MailDepositShipmentIndicator");
        xml.Blank("NightDepositIndicator");
        xml.Blank("SharedBranchingIndicator");
        xml.Value("TotalCashInReceiveAmountText", filing.CashIn > 0 ? FinCenMoney.Text(filing.CashIn, orderId, "TotalCashInReceiveAmountText") : string.Empty);
        xml.Value("TotalCashOutAmountText", filing.CashOut > 0 ? FinCenMoney.Text(filing.CashOut, orderId, "TotalCashOutAmountText") : string.Empty);
        xml.Date("TransactionDateText", filing.Day);
        if (filing.CashIn > 0)
        {
            WriteDetail(xml, "55", filing.CashIn, orderId, country: string.Empty);
        }

        if (filing.CashOut > 0)
        {
            WriteDetail(xml, "56", filing.CashOut, orderId, country: string.Empty);
        }

        foreach ((bool isOut, string currency, decimal wholeDollars) in filing.Foreign)
        {
            WriteDetail(xml, isOut ? "54" : "53", wholeDollars, orderId, IssuingCountry(currency));
        }

        xml.End();
    }

    private static void WriteDetail(FinCenXmlWriter xml, string typeCode, decimal wholeDollars, string orderId, string country)
    {
        xml.Start("CurrencyTransactionActivityDetail");
        xml.Value("CurrencyTransactionActivityDetailTypeCode", typeCode);
        xml.Value("DetailTransactionAmountText", FinCenMoney.Text(wholeDollars, orderId, "DetailTransactionAmountText"));
        xml.Blank("OtherCurrencyTransactionActivityDetailText");
        xml.Value("OtherForeignCurrencyCountryText", country);
        xml.End();
    }

    /// <summary>The ISO 4217 code's country prefix; empty for codes that name no country (EUR, the X.. codes).</summary>
    private static string IssuingCountry(string currency) =>
        currency.Length == 3 && currency[0] != 'X' && !string.Equals(currency, "EUR", StringComparison.Ordinal) ? currency[..2] : string.Empty;

    private sealed record Filing(
        ReportableTransaction Customer,
        DateOnly Day,
        int TransactionCount,
        decimal CashIn,
        decimal CashOut,
        IReadOnlyList<(bool Out, string Currency, decimal WholeDollars)> Foreign,
        IReadOnlyList<(string Account, bool Out)> Accounts)
    {
        public int PartyCount => InstitutionParties + (Customer.CustomerType == CustomerType.Corporate ? 2 : 1);
    }
}
