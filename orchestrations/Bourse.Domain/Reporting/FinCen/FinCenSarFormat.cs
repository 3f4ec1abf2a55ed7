using System.Globalization;
using System.Text;
using Bourse.Domain.Risk;

namespace Bourse.Domain.Reporting.FinCen;

/// <summary>
/// FinCEN Suspicious Activity Report, BSA E-Filing batch (<c>SARX</c>, schema v1.2): one filing (<c>Activity</c>) per
/// customer for the transactions that a rule found suspicious (structuring, a near sanctions match, a high-risk
/// jurisdiction).
/// </summary>
/// <remarks>
/// <para>Each filing: the institution's parties (transmitter 35, transmitter contact 37, filing institution 30, contact
/// office 8, institution where the activity occurred 34), the customer as subject 33 (an organization or an individual
/// by <see cref="CustomerType"/>; what the back office does not hold is marked unknown) with the accounts involved,
/// the suspicious activity (first and last <see cref="ReportableTransaction.EvaluatedAt"/> day, the total in whole
/// dollars, the classifications of <see cref="Classify"/>) and a narrative of the rules' sentences per order.</para>
/// <para>The suspicious amount is the sum of the customer's transactions converted exactly to USD with the batch's rates,
/// rounded once up to the next whole dollar.</para>
/// </remarks>
public sealed class FinCenSarFormat : IRegulatoryReportFormat
{
    /// <summary>The reason codes this report takes.</summary>
    public static readonly IReadOnlySet<string> SuspiciousReasonCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        RiskReasonCodes.StructuringSuspected,
        RiskReasonCodes.SanctionsNearMatch,
        RiskReasonCodes.JurisdictionHighRisk,
    };

    /// <summary>The subject and institution parties each filing carries, the nested institution-of-account party included.</summary>
    internal const int PartiesPerFiling = 7;

    /// <inheritdoc />
    public string Jurisdiction => "US-FINCEN";

    /// <inheritdoc />
    public string ReportType => "SAR";

    /// <inheritdoc />
    public string SchemaFileName => "EFL_SARXBatchSchema.xsd";

    /// <inheritdoc />
    public bool Selects(ReportableTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Flags.Any(f => SuspiciousReasonCodes.Contains(f.ReasonCode));
    }

    /// <summary>
    /// The suspicious activity classifications (type, subtype, other-text) for a customer's flags, one per subtype:
    /// structuring → 1 Structuring / 114 "transaction(s) below CTR threshold" for cash, and 1 / 1999 Other (just below
    /// the AML threshold) for transfers and orders, which have no CTR threshold; a high-risk jurisdiction → 9 Other
    /// suspicious activities / 928 "transaction(s) involving foreign high risk jurisdiction"; a near sanctions match →
    /// 9 / 9999 Other, "Near match to a sanctions list name".
    /// </summary>
    public static IReadOnlyList<(int Type, int Subtype, string? OtherText)> Classify(IEnumerable<ReportableTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var classifications = new SortedDictionary<int, (int Type, int Subtype, string? OtherText)>();
        foreach (ReportableTransaction transaction in transactions)
        {
            foreach (ReportableFlag flag in transaction.Flags)
            {
                (int Type, int Subtype, string? OtherText)? classification = flag.ReasonCode switch
                {
                    RiskReasonCodes.StructuringSuspected when transaction.Channel == TransactionChannel.Cash => (1, 114, null),
                    RiskReasonCodes.StructuringSuspected => (1, 1999, "Amounts just below the AML large-value threshold"),
                    RiskReasonCodes.JurisdictionHighRisk => (9, 928, null),
                    RiskReasonCodes.SanctionsNearMatch => (9, 9999, "Near match to a sanctions list name"),
                    _ => null,
                };
                if (classification is { } c)
                {
                    // The schema allows a subtype once per filing.
                    classifications.TryAdd(c.Subtype, c);
                }
            }
        }

        return [.. classifications.Values];
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
        decimal total = filings.Sum(f => f.WholeDollars);
        int parties = filings.Count * PartiesPerFiling;
        DateOnly filingDate = DateOnly.FromDateTime(batch.PreparedAt.UtcDateTime);

        FinCenXmlWriter.WriteBatch(
            output, "SARX", total, parties, filings, (xml, filing) => WriteActivity(xml, filer, filing, prior, filingDate),
            ("ActivityAttachmentCount", "0"),
            ("AttachmentCount", "0"));
    }

    private List<Filing> Plan(ReportBatch batch)
    {
        var filings = new List<Filing>();
        foreach (IGrouping<string, ReportableTransaction> customer in batch.Transactions.Where(Selects).GroupBy(t => t.CustomerId, StringComparer.Ordinal))
        {
            ReportableTransaction first = customer.First();
            if (string.IsNullOrWhiteSpace(first.CustomerId))
            {
                throw new ReportAssemblyException(first.OrderId, nameof(ReportableTransaction.CustomerId), "the subject's customer id is required");
            }

            ReportableTransaction[] transactions = [.. customer];
            decimal usd = 0m;
            foreach (ReportableTransaction transaction in transactions)
            {
                usd += FinCenMoney.ToUsd(transaction, batch.ExchangeRates);
            }

            decimal wholeDollars = FinCenMoney.WholeDollars(usd);
            _ = FinCenMoney.Text(wholeDollars, first.OrderId, "TotalSuspiciousAmountText");
            filings.Add(new Filing(
                first,
                transactions,
                wholeDollars,
                DateOnly.FromDateTime(transactions.Min(t => t.EvaluatedAt).DateTime),
                DateOnly.FromDateTime(transactions.Max(t => t.EvaluatedAt).DateTime),
                Classify(transactions),
                [.. transactions.Select(t => t.AccountId).Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal).Take(99)]));
        }

        return filings.Count > 0
            ? filings
            : throw new ReportAssemblyException("Transactions: the batch has no suspicious transaction; FinCEN takes no empty SAR batch");
    }

    private static void WriteActivity(FinCenXmlWriter xml, FinCenFiler filer, Filing filing, string? prior, DateOnly filingDate)
    {
        xml.Start("Activity");
        if (prior is not null)
        {
            xml.Value("EFilingPriorDocumentNumber", prior);
        }

        xml.Date("FilingDateText", filingDate);
        xml.Start("ActivityAssociation");
        xml.Yes(prior is null ? "InitialReportIndicator" : "CorrectsAmendsPriorReportIndicator");
        xml.End();

        filer.WriteTransmitter(xml);
        filer.WriteTransmitterContact(xml);
        WriteInstitution(xml, filer, "30", filing);
        filer.WriteContactOffice(xml);
        WriteInstitution(xml, filer, "34", filing);
        WriteSubject(xml, filer, filing);
        WriteSuspiciousActivity(xml, filing);
        WriteNarrative(xml, filing);
        xml.End();
    }

    private static void WriteInstitution(FinCenXmlWriter xml, FinCenFiler filer, string partyType, Filing filing)
    {
        xml.Start("Party");
        xml.Value("ActivityPartyTypeCode", partyType);
        if (partyType == "34" && filing.Transactions.All(t => t.Channel != TransactionChannel.Cash))
        {
            // Transfers and orders are booked centrally; cash is paid at the institution's own address (this party's).
            xml.Yes("NoBranchActivityInvolvedIndicator");
        }

        filer.WriteInstitution(xml);
        xml.End();
    }

    private static void WriteSubject(FinCenXmlWriter xml, FinCenFiler filer, Filing filing)
    {
        ReportableTransaction customer = filing.Customer;
        bool individual = customer.CustomerType != CustomerType.Corporate;
        xml.Start("Party");
        xml.Value("ActivityPartyTypeCode", "33");
        if (individual)
        {
            xml.Yes("BirthDateUnknownIndicator");
        }

        if (filing.Accounts.Count == 0)
        {
            xml.Yes("NoKnownAccountInvolvedIndicator");
        }

        if (!individual)
        {
            xml.Yes("PartyAsEntityOrganizationIndicator");
        }

        if (individual)
        {
            xml.Yes("UnknownGenderIndicator");
        }

        FinCenSubject.WriteName(xml, customer);
        FinCenSubject.WriteAddress(xml, customer);
        FinCenSubject.WriteIdentificationsUnknown(xml);

        xml.Start("PartyAssociation");
        xml.Yes("CustomerIndicator");
        xml.Value("SubjectRelationshipFinancialInstitutionTINText", filer.TaxId);
        xml.End();

        // The accounts involved, held at the filing institution (41), even when there are none: PartyCount stays fixed.
        xml.Start("PartyAccountAssociation");
        xml.Value("PartyAccountAssociationTypeCode", "7");
        xml.Start("Party");
        xml.Value("ActivityPartyTypeCode", "41");
        FinCenFiler.WriteIdentification(xml, "2", filer.TaxId);
        foreach (string account in filing.Accounts)
        {
            xml.Start("Account");
            xml.Text("AccountNumberText", account, FinCenLimits.AccountNumber);
            xml.Start("PartyAccountAssociation");
            xml.Value("PartyAccountAssociationTypeCode", "5");
            xml.End();
            xml.End();
        }

        xml.End();
        xml.End();
        xml.End();
    }

    private static void WriteSuspiciousActivity(FinCenXmlWriter xml, Filing filing)
    {
        xml.Start("SuspiciousActivity");
        xml.Date("SuspiciousActivityFromDateText", filing.From);
        xml.Date("SuspiciousActivityToDateText", filing.To);
        xml.Value("TotalSuspiciousAmountText", FinCenMoney.Text(filing.WholeDollars, filing.Customer.OrderId, "TotalSuspiciousAmountText"));
        foreach ((int type, int subtype, string? otherText) in filing.Classifications)
        {
            xml.Start("SuspiciousActivityClassification");
            if (otherText is not null)
            {
                xml.Text("OtherSuspiciousActivityTypeText", otherText, FinCenLimits.Text50);
            }

            xml.Value("SuspiciousActivitySubtypeID", subtype.ToString(CultureInfo.InvariantCulture));
            xml.Value("SuspiciousActivityTypeID", type.ToString(CultureInfo.InvariantCulture));
            xml.End();
        }

        xml.End();
    }

    private static void WriteNarrative(FinCenXmlWriter xml, Filing filing)
    {
        IReadOnlyList<string> blocks = FinCenText.Blocks(Narrative(filing), FinCenLimits.NarrativeBlock, FinCenLimits.NarrativeBlocks);
        for (int i = 0; i < blocks.Count; i++)
        {
            xml.Start("ActivityNarrativeInformation");
            xml.Value("ActivityNarrativeSequenceNumber", (i + 1).ToString(CultureInfo.InvariantCulture));
            xml.Value("ActivityNarrativeText", blocks[i]);
            xml.End();
        }
    }

    /// <summary>One line for the customer, then one per order: when, how, how much, and each suspicious rule's sentence.</summary>
    internal static string Narrative(Filing filing)
    {
        var text = new StringBuilder();
        ReportableTransaction customer = filing.Customer;
        text.Append(CultureInfo.InvariantCulture,
            $"Customer {FinCenText.Fit(customer.CustomerId, 200)} ({(customer.CustomerType == CustomerType.Corporate ? "organization" : "individual")}, country {FinCenText.Fit(customer.CustomerCountry, 10)}): ");
        text.Append(CultureInfo.InvariantCulture,
            $"{filing.Transactions.Count} flagged transaction(s) from {FinCenXmlWriter.Format(filing.From)} to {FinCenXmlWriter.Format(filing.To)}, USD {filing.WholeDollars.ToString("0", CultureInfo.InvariantCulture)} in total (rounded up to whole dollars).");
        foreach (ReportableTransaction t in filing.Transactions)
        {
            text.Append('\n');
            text.Append(CultureInfo.InvariantCulture,
                $"Order {FinCenText.Fit(t.OrderId, 200)} on {t.EvaluatedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}, account {FinCenText.Fit(t.AccountId, 200)}, {t.Channel}");
            if (t.Side is { } side)
            {
                text.Append(CultureInfo.InvariantCulture, $" {side}");
            }

            if (!string.IsNullOrWhiteSpace(t.InstrumentId))
            {
                text.Append(CultureInfo.InvariantCulture, $" {FinCenText.Fit(t.InstrumentId, 50)}");
            }

            text.Append(CultureInfo.InvariantCulture, $", {t.Notional}:");
            foreach (ReportableFlag flag in t.Flags.Where(f => SuspiciousReasonCodes.Contains(f.ReasonCode)))
            {
                text.Append(CultureInfo.InvariantCulture, $" [{flag.ReasonCode}] {FinCenText.Fit(flag.Detail, FinCenLimits.NarrativeBlock)}");
            }
        }

        return text.ToString();
    }

    internal sealed record Filing(
        ReportableTransaction Customer,
        IReadOnlyList<ReportableTransaction> Transactions,
        decimal WholeDollars,
        DateOnly From,
        DateOnly To,
        IReadOnlyList<(int Type, int Subtype, string? OtherText)> Classifications,
        IReadOnlyList<string> Accounts);
}
