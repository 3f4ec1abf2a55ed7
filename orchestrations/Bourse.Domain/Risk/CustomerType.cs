namespace Bourse.Domain.Risk;

/// <summary>The kind of customer, as KYC recorded it. Thresholds differ by kind.</summary>
public enum CustomerType
{
    /// <summary>A natural person.</summary>
    Individual,

    /// <summary>A company or other legal entity.</summary>
    Corporate,
}
