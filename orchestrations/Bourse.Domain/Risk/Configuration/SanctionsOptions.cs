namespace Bourse.Domain.Risk.Configuration;

/// <summary>
/// Sanctions screening: the customer's name and every counterparty's name against <see cref="Entries"/>. Names are
/// compared after normalization (see <see cref="Names.NameNormalizer"/>), in any token order. The same name is an exact
/// match (reject); a name whose similarity (Damerau-Levenshtein, optimal string alignment, on the normalized form without
/// spaces) is at least <see cref="NearMatchThreshold"/> is a near match (<see cref="NearMatchVerdict"/>).
/// </summary>
public sealed class SanctionsOptions
{
    /// <summary>Whether the rule runs.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The least similarity, <c>1 - edits / length of the longer name</c>, that is a near match. At 0.85 a 10-letter name
    /// tolerates 1 edit and a 20-letter name 3; a name shorter than 7 letters only matches exactly.
    /// </summary>
    /// <value>The default value is 0.85; more than 0.5 and at most 1 (1 = exact matches only).</value>
    public decimal NearMatchThreshold { get; set; } = 0.85m;

    /// <summary>What a near match does: <see cref="VerdictKind.Reject"/> or <see cref="VerdictKind.Flag"/> (for review).</summary>
    /// <value>The default value is <see cref="VerdictKind.Reject"/>.</value>
    public VerdictKind NearMatchVerdict { get; set; } = VerdictKind.Reject;

    /// <summary>The listed parties, each with a name and any aliases (list the original script and its transliterations as aliases).</summary>
    /// <value>The default value is no entry.</value>
    public IList<SanctionedParty> Entries { get; } = [];
}
