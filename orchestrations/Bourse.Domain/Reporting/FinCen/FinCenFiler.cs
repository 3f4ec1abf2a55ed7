using System.Globalization;

namespace Bourse.Domain.Reporting.FinCen;

/// <summary>
/// The filer's data checked and shaped for FinCEN, and the institution parties that every SAR and CTR filing carries
/// (transmitter, transmitter contact, filing institution, contact office, transaction location). The institution is its
/// own transmitter: one legal name, taxpayer id and address for all of them.
/// </summary>
internal sealed class FinCenFiler
{
    private FinCenFiler(ReportFiler filer, string taxId, string zip, string phone)
    {
        Filer = filer;
        TaxId = taxId;
        Zip = zip;
        Phone = phone;
    }

    public ReportFiler Filer { get; }

    /// <summary>The EIN, nine digits.</summary>
    public string TaxId { get; }

    public string Zip { get; }

    public string Phone { get; }

    /// <summary>Checks what the schemas or FinCEN require of the filer.</summary>
    /// <exception cref="ReportAssemblyException">A required datum is missing or malformed; the message names it.</exception>
    public static FinCenFiler From(ReportFiler filer)
    {
        ArgumentNullException.ThrowIfNull(filer);
        Require(filer.InstitutionName, nameof(ReportFiler.InstitutionName));
        Require(filer.Street, nameof(ReportFiler.Street));
        Require(filer.City, nameof(ReportFiler.City));
        Require(filer.ContactOffice, nameof(ReportFiler.ContactOffice));
        Require(filer.TransmitterControlCode, nameof(ReportFiler.TransmitterControlCode));
        Require(filer.PrimaryRegulatorCode, nameof(ReportFiler.PrimaryRegulatorCode));

        string taxId = Digits(filer.TaxId);
        if (taxId.Length != 9)
        {
            throw Missing(nameof(ReportFiler.TaxId), "must be a nine-digit EIN");
        }

        if (filer.Country is not { Length: 2 } || !filer.Country.All(char.IsAsciiLetterUpper))
        {
            throw Missing(nameof(ReportFiler.Country), "must be an ISO 3166-1 alpha-2 code");
        }

        if (string.IsNullOrWhiteSpace(filer.State) || filer.State.Trim().Length > FinCenLimits.StateCode)
        {
            throw Missing(nameof(ReportFiler.State), $"must be a state code of at most {FinCenLimits.StateCode} characters");
        }

        string zip = Digits(filer.PostalCode);
        if (zip.Length is not (5 or 9) && string.Equals(filer.Country, "US", StringComparison.Ordinal))
        {
            throw Missing(nameof(ReportFiler.PostalCode), "must be a five- or nine-digit ZIP code");
        }

        if (zip.Length == 0)
        {
            // A foreign postal code may have letters: keep it as written, without spaces.
            zip = FinCenText.Fit(filer.PostalCode?.Replace(" ", string.Empty, StringComparison.Ordinal), FinCenLimits.ZipCode);
        }

        string phone = Digits(filer.ContactPhone);
        if (phone.Length is 0 or > FinCenLimits.PhoneNumber)
        {
            throw Missing(nameof(ReportFiler.ContactPhone), $"must have 1 to {FinCenLimits.PhoneNumber} digits");
        }

        if (filer.InstitutionTypeCode <= 0)
        {
            throw Missing(nameof(ReportFiler.InstitutionTypeCode), "must be a FinCEN institution type code");
        }

        return new FinCenFiler(filer, taxId, zip, phone);
    }

    /// <summary>Transmitter (35): name, address, phone, TIN (type 4) and the transmitter control code (type 28).</summary>
    public void WriteTransmitter(FinCenXmlWriter xml)
    {
        xml.Start("Party");
        xml.Value("ActivityPartyTypeCode", "35");
        WriteName(xml);
        WriteAddress(xml);
        WritePhone(xml);
        WriteIdentification(xml, "4", TaxId);
        WriteIdentification(xml, "28", Filer.TransmitterControlCode);
        xml.End();
    }

    /// <summary>Transmitter contact (37): the contact office's name.</summary>
    public void WriteTransmitterContact(FinCenXmlWriter xml)
    {
        xml.Start("Party");
        xml.Value("ActivityPartyTypeCode", "37");
        WriteName(xml, Filer.ContactOffice);
        xml.End();
    }

    /// <summary>Contact office / contact for assistance (8): name and phone.</summary>
    public void WriteContactOffice(FinCenXmlWriter xml)
    {
        xml.Start("Party");
        xml.Value("ActivityPartyTypeCode", "8");
        WriteName(xml, Filer.ContactOffice);
        WritePhone(xml);
        xml.End();
    }

    /// <summary>The name party element, legal name (L).</summary>
    public void WriteName(FinCenXmlWriter xml, string? name = null)
    {
        xml.Start("PartyName");
        xml.Value("PartyNameTypeCode", "L");
        xml.Text("RawPartyFullName", name ?? Filer.InstitutionName, FinCenLimits.FullName);
        xml.End();
    }

    /// <summary>The institution's address.</summary>
    public void WriteAddress(FinCenXmlWriter xml)
    {
        xml.Start("Address");
        xml.Text("RawCityText", Filer.City, FinCenLimits.Text50);
        xml.Value("RawCountryCodeText", Filer.Country);
        xml.Text("RawStateCodeText", Filer.State, FinCenLimits.StateCode);
        xml.Text("RawStreetAddress1Text", Filer.Street, FinCenLimits.StreetAddress);
        xml.Value("RawZIPCode", Zip);
        xml.End();
    }

    /// <summary>The contact office's phone.</summary>
    public void WritePhone(FinCenXmlWriter xml)
    {
        xml.Start("PhoneNumber");
        xml.Value("PhoneNumberText", Phone);
        xml.End();
    }

    /// <summary>The institution as a filing or location party names it: regulator, name, address, tax id (type 2) and type.</summary>
    public void WriteInstitution(FinCenXmlWriter xml)
    {
        xml.Value("PrimaryRegulatorTypeCode", Filer.PrimaryRegulatorCode);
        WriteName(xml);
        WriteAddress(xml);
        WriteIdentification(xml, "2", TaxId);
        WriteInstitutionType(xml);
    }

    /// <summary>One identification of the institution.</summary>
    public static void WriteIdentification(FinCenXmlWriter xml, string typeCode, string number)
    {
        xml.Start("PartyIdentification");
        xml.Text("PartyIdentificationNumberText", number, FinCenLimits.IdentificationNumber);
        xml.Value("PartyIdentificationTypeCode", typeCode);
        xml.End();
    }

    /// <summary>The institution's type (securities/futures by default).</summary>
    private void WriteInstitutionType(FinCenXmlWriter xml)
    {
        xml.Start("OrganizationClassificationTypeSubtype");
        xml.Value("OrganizationTypeID", Filer.InstitutionTypeCode.ToString(CultureInfo.InvariantCulture));
        xml.End();
    }

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Missing(field, "is required");
        }
    }

    private static ReportAssemblyException Missing(string field, string message) =>
        new($"{nameof(ReportBatch.Filer)}.{field}: {message}");

    private static string Digits(string? value) => new([.. (value ?? string.Empty).Where(char.IsAsciiDigit)]);
}
