namespace Bourse.Domain.Risk.Configuration;

/// <summary>
/// High-risk jurisdictions: the customer's country and every counterparty's known country (ISO 3166-1 alpha-2) against
/// two lists. A country on <see cref="RejectedCountries"/> rejects; one on <see cref="FlaggedCountries"/> flags.
/// </summary>
public sealed class JurisdictionOptions
{
    /// <summary>Whether the rule runs.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Countries whose involvement rejects (for example <c>KP</c>, <c>IR</c>).</summary>
    /// <value>The default value is no country.</value>
    public IList<string> RejectedCountries { get; } = [];

    /// <summary>Countries whose involvement is allowed but flagged for reporting.</summary>
    /// <value>The default value is no country.</value>
    public IList<string> FlaggedCountries { get; } = [];
}
