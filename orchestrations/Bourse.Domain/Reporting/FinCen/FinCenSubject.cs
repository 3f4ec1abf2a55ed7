using Bourse.Domain.Risk;

namespace Bourse.Domain.Reporting.FinCen;

/// <summary>
/// What the reports say of the customer: the name, the country, and FinCEN's unknown indicators for what the back
/// office does not hold (street, city, ZIP, taxpayer id, identity document) rather than invented values.
/// </summary>
internal static class FinCenSubject
{
    /// <summary>
    /// The legal name: an organization's whole name as the entity name; an individual's "given family" name split at the
    /// last space (family name last, the rest given names). A name without a space (e.g. a Chinese name written without
    /// one) cannot be split safely: it is recorded whole as the last name and the first name is marked unknown.
    /// </summary>
    public static void WriteName(FinCenXmlWriter xml, ReportableTransaction customer)
    {
        // Fit makes every run of whitespace one space: the split below needs to look for ' ' only.
        string name = FinCenText.Fit(customer.CustomerName, int.MaxValue);
        xml.Start("PartyName");
        if (customer.CustomerType == CustomerType.Corporate)
        {
            if (name.Length == 0)
            {
                xml.Yes("EntityLastNameUnknownIndicator");
            }

            xml.Value("PartyNameTypeCode", "L");
            if (name.Length > 0)
            {
                xml.Text("RawEntityIndividualLastName", name, FinCenLimits.FullName);
            }
        }
        else
        {
            int split = name.LastIndexOf(' ');
            string family = split < 0 ? name : name[(split + 1)..];
            string given = split < 0 ? string.Empty : name[..split];
            if (family.Length == 0)
            {
                xml.Yes("EntityLastNameUnknownIndicator");
            }

            if (given.Length == 0)
            {
                xml.Yes("FirstNameUnknownIndicator");
            }

            xml.Value("PartyNameTypeCode", "L");
            if (family.Length > 0)
            {
                xml.Text("RawEntityIndividualLastName", family, FinCenLimits.FullName);
            }

            if (given.Length > 0)
            {
                xml.Text("RawIndividualFirstName", given, FinCenLimits.FirstName);
            }
        }

        xml.End();
    }

    /// <summary>The customer's country; street, city and ZIP (and the state, where the country has states FinCEN asks
    /// for) marked unknown: the back office holds the country only.</summary>
    public static void WriteAddress(FinCenXmlWriter xml, ReportableTransaction customer)
    {
        string? country = customer.CustomerCountry is { Length: 2 } c && c.All(char.IsAsciiLetterUpper) ? c : null;
        xml.Start("Address");
        xml.Yes("CityUnknownIndicator");
        if (country is null)
        {
            xml.Yes("CountryCodeUnknownIndicator");
        }
        else
        {
            xml.Value("RawCountryCodeText", country);
        }

        if (country is null or "US" or "CA" or "MX")
        {
            xml.Yes("StateCodeUnknownIndicator");
        }

        xml.Yes("StreetAddressUnknownIndicator");
        xml.Yes("ZIPCodeUnknownIndicator");
        xml.End();
    }

    /// <summary>Taxpayer id unknown, and identity document unknown.</summary>
    public static void WriteIdentificationsUnknown(FinCenXmlWriter xml)
    {
        xml.Start("PartyIdentification");
        xml.Yes("TINUnknownIndicator");
        xml.End();
        xml.Start("PartyIdentification");
        xml.Yes("IdentificationPresentUnknownIndicator");
        xml.End();
    }
}
