namespace Bourse.Domain.Risk.Names;

/// <summary>A screened name found on the sanctions list.</summary>
/// <param name="EntryId">The listed party's id.</param>
/// <param name="ListedName">The listed name or alias it matched, as listed.</param>
/// <param name="IsExact">Whether the normalized names are the same (in some token order).</param>
/// <param name="Similarity">1 for an exact match, else <c>1 - edits / length</c> of the compact forms, rounded down to 4 decimals.</param>
public sealed record NameMatch(string EntryId, string ListedName, bool IsExact, decimal Similarity);
