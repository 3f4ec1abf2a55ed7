using System.Collections.Frozen;
using Bourse.Domain.Risk.Configuration;

namespace Bourse.Domain.Risk.Names;

/// <summary>
/// The sanctions list prepared for screening, built once per rule set. Exact matches are one hash lookup per token order
/// of the screened name. Near matches only look at listed names whose compact length allows the similarity at all (a
/// bucket per length), skip those whose characters already differ by more than the allowed edits (first by which
/// character buckets occur, kept in an array of their own for a tight scan, then by the character bags), and compute
/// the edit distance, bounded by the allowed edits, for the few that remain.
/// </summary>
internal sealed class SanctionsIndex
{
    private readonly FrozenDictionary<string, Listed> _exact;
    private readonly FrozenDictionary<int, Bucket> _byLength;

    private SanctionsIndex(FrozenDictionary<string, Listed> exact, FrozenDictionary<int, Bucket> byLength, int count)
    {
        _exact = exact;
        _byLength = byLength;
        Count = count;
    }

    /// <summary>How many names (names and aliases) are indexed.</summary>
    public int Count { get; }

    public static SanctionsIndex Build(IEnumerable<SanctionedParty> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var exact = new Dictionary<string, Listed>(StringComparer.Ordinal);
        var byLength = new Dictionary<int, List<Listed>>();
        int count = 0;
        foreach (SanctionedParty entry in entries)
        {
            foreach (string name in entry.Aliases.Prepend(entry.Name))
            {
                NormalizedName normalized = NameNormalizer.Analyze(name ?? "");
                if (normalized.IsEmpty)
                {
                    continue;
                }

                var listed = new Listed(entry.Id, name!, normalized);
                count++;
                foreach (string order in normalized.Orders)
                {
                    exact.TryAdd(order, listed);
                }

                if (!byLength.TryGetValue(normalized.Compact.Length, out List<Listed>? bucket))
                {
                    byLength[normalized.Compact.Length] = bucket = [];
                }

                bucket.Add(listed);
            }
        }

        return new SanctionsIndex(
            exact.ToFrozenDictionary(StringComparer.Ordinal),
            byLength.ToFrozenDictionary(pair => pair.Key, pair => new Bucket([.. pair.Value], [.. pair.Value.Select(l => l.Normalized.Presence)])),
            count);
    }

    /// <summary>The best match of <paramref name="name"/>: an exact one if there is one, else the most similar near match at
    /// or above <paramref name="nearMatchThreshold"/>, else <see langword="null"/>.</summary>
    public NameMatch? Find(NormalizedName name, decimal nearMatchThreshold, CancellationToken cancellationToken) =>
        Find(name, nearMatchThreshold, out _, cancellationToken);

    /// <inheritdoc cref="Find(NormalizedName, decimal, CancellationToken)"/>
    /// <param name="name">The screened name.</param>
    /// <param name="nearMatchThreshold">The least similarity of a near match (more than 0.5, at most 1).</param>
    /// <param name="comparisons">How many listed names needed an edit distance (the filters let them through).</param>
    /// <param name="cancellationToken">Checked while scanning.</param>
    internal NameMatch? Find(NormalizedName name, decimal nearMatchThreshold, out int comparisons, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        comparisons = 0;
        if (name.IsEmpty)
        {
            return null;
        }

        foreach (string order in name.Orders)
        {
            if (_exact.TryGetValue(order, out Listed? listed))
            {
                return new NameMatch(listed.EntryId, listed.Name, IsExact: true, Similarity: 1m);
            }
        }

        if (nearMatchThreshold >= 1m)
        {
            return null;
        }

        // similarity >= t needs the shorter length to be at least t times the longer.
        int length = name.Compact.Length;
        int shortest = (int)decimal.Ceiling(length * nearMatchThreshold);
        int longest = (int)decimal.Floor(length / nearMatchThreshold);
        Listed? best = null;
        int bestDistance = 0, bestLonger = 1;
        for (int candidateLength = shortest; candidateLength <= longest; candidateLength++)
        {
            if (!_byLength.TryGetValue(candidateLength, out Bucket? bucket))
            {
                continue;
            }

            int longer = Math.Max(length, candidateLength);
            int allowed = NameSimilarity.AllowedEdits(longer, nearMatchThreshold);
            ulong presence = name.Presence;
            ulong[] presences = bucket.Presence;
            for (int i = 0; i < presences.Length; i++)
            {
                if ((i & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (NormalizedName.PresenceDistance(presence, presences[i]) > allowed)
                {
                    continue;
                }

                Listed candidate = bucket.Names[i];
                if (NormalizedName.BagDistance(name, candidate.Normalized) > allowed)
                {
                    continue;
                }

                comparisons++;
                int distance = SmallestDistance(name, candidate.Normalized, allowed);
                // Better means more similar: fewer edits relative to the longer name.
                if (distance <= allowed && (best is null || (long)distance * bestLonger < (long)bestDistance * longer))
                {
                    best = candidate;
                    bestDistance = distance;
                    bestLonger = longer;
                }
            }
        }

        return best is null ? null : new NameMatch(best.EntryId, best.Name, IsExact: false, NameSimilarity.Similarity(bestDistance, bestLonger));
    }

    private static int SmallestDistance(NormalizedName a, NormalizedName b, int allowed)
    {
        int smallest = allowed + 1;
        foreach (string left in a.Orders)
        {
            foreach (string right in b.Orders)
            {
                // Only a smaller distance than the best so far matters, so bound the search by it.
                smallest = Math.Min(smallest, NameSimilarity.Distance(left, right, max: smallest - 1));
                if (smallest == 0)
                {
                    return 0;
                }
            }
        }

        return smallest;
    }

    private sealed record Listed(string EntryId, string Name, NormalizedName Normalized);

    /// <summary>The listed names of one compact length, and their <see cref="NormalizedName.Presence"/> masks side by side.</summary>
    private sealed record Bucket(Listed[] Names, ulong[] Presence);
}
