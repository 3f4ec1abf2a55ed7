namespace Bourse.Domain.Reporting;

/// <summary>
/// Who files and transmits the reports (section <c>Reporting:Filer</c>): the institution, its contact office and the
/// transmitter's control code. The same for every report of a run.
/// </summary>
public sealed record ReportFiler
{
    /// <summary>The institution's legal name.</summary>
    public required string InstitutionName { get; init; }

    /// <summary>The institution's taxpayer id (US EIN, 9 digits, for FinCEN).</summary>
    public required string TaxId { get; init; }

    /// <summary>Street address.</summary>
    public required string Street { get; init; }

    /// <summary>City.</summary>
    public required string City { get; init; }

    /// <summary>State or province code (FinCEN: a US state code when <see cref="Country"/> is US).</summary>
    public required string State { get; init; }

    /// <summary>ZIP or postal code.</summary>
    public required string PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country.</summary>
    public required string Country { get; init; }

    /// <summary>The contact office's name.</summary>
    public required string ContactOffice { get; init; }

    /// <summary>The contact office's phone number, digits only.</summary>
    public required string ContactPhone { get; init; }

    /// <summary>The transmitter control code that the regulator issued (FinCEN TCC).</summary>
    public required string TransmitterControlCode { get; init; }

    /// <summary>The institution's primary federal regulator code (FinCEN's list), for the filing institution party.</summary>
    public string PrimaryRegulatorCode { get; init; } = "9";

    /// <summary>The institution's type in FinCEN's list (<c>OrganizationTypeID</c>), for the filing institution and the
    /// transaction location parties: 5, securities/futures, by default (a broker's back office); 999 is other.</summary>
    public int InstitutionTypeCode { get; init; } = 5;
}
