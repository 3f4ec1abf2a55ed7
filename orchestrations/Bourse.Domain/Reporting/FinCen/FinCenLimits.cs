namespace Bourse.Domain.Reporting.FinCen;

/// <summary>
/// Maximum lengths of the FinCEN batch schemas' string types (<c>RestrictStringN</c>, the same in the SAR and the CTR
/// schema), read from <c>EFL_SARXBatchSchema.xsd</c> and <c>EFL_CTRXBatchSchema.xsd</c> v1.2. Values are truncated to
/// them rather than rejected: a long legal name must not stop a report that the law requires.
/// </summary>
internal static class FinCenLimits
{
    /// <summary>RestrictString2: RawCountryCodeText, OtherForeignCurrencyCountryText.</summary>
    public const int CountryCode = 2;

    /// <summary>RestrictString3: RawStateCodeText.</summary>
    public const int StateCode = 3;

    /// <summary>RestrictString9: RawZIPCode.</summary>
    public const int ZipCode = 9;

    /// <summary>RestrictString15: the whole-dollar amount texts.</summary>
    public const int Amount = 15;

    /// <summary>RestrictString16: PhoneNumberText.</summary>
    public const int PhoneNumber = 16;

    /// <summary>RestrictString25: PartyIdentificationNumberText, SubjectRelationshipFinancialInstitutionTINText.</summary>
    public const int IdentificationNumber = 25;

    /// <summary>RestrictString35: RawIndividualFirstName.</summary>
    public const int FirstName = 35;

    /// <summary>RestrictString40: AccountNumberText.</summary>
    public const int AccountNumber = 40;

    /// <summary>RestrictString50: RawCityText, OtherSuspiciousActivityTypeText, OtherCurrencyTransactionActivityDetailText.</summary>
    public const int Text50 = 50;

    /// <summary>RestrictString100: RawStreetAddress1Text.</summary>
    public const int StreetAddress = 100;

    /// <summary>RestrictString150: RawEntityIndividualLastName, RawPartyFullName.</summary>
    public const int FullName = 150;

    /// <summary>RestrictString4000: ActivityNarrativeText (one block).</summary>
    public const int NarrativeBlock = 4000;

    /// <summary>ActivityNarrativeInformation maxOccurs (SAR): the narrative is at most this many blocks.</summary>
    public const int NarrativeBlocks = 5;

    /// <summary>RestrictLong14: EFilingPriorDocumentNumber, the BSA ID of the filing corrected.</summary>
    public const int PriorDocumentNumberDigits = 14;
}
