using System.Diagnostics;
using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Names;

namespace Bourse.Domain.Tests.Risk.Names;

[Collection(RealTime.Name)]
public sealed class SanctionsIndexTests
{
    private static readonly SanctionsIndex Index = SanctionsIndex.Build(
    [
        Party("E-1", "Zhang Weiming", "张伟明"),
        Party("E-2", "Ivan Petrovich Sidorenko"),
        Party("E-3", "Dragan Kovačević"),
        Party("E-4", "Golden Lotus Trading Co. Ltd"),
        Party("E-5", "Li Na"),
    ]);

    private static NameMatch? Find(string name, decimal threshold = 0.85m) =>
        Index.Find(NameNormalizer.Analyze(name), threshold, CancellationToken.None);

    [Theory]
    [InlineData("Zhang Weiming", "E-1")]
    [InlineData("ZHANG WEI MING", "E-1")] // transliteration spacing
    [InlineData("zhang-weiming", "E-1")]
    [InlineData("Weiming Zhang", "E-1")] // token order
    [InlineData("Wei Ming Zhang", "E-1")]
    [InlineData("ＺＨＡＮＧ　ＷＥＩＭＩＮＧ", "E-1")] // full width
    [InlineData("张伟明", "E-1")] // Chinese characters, through the alias
    [InlineData("张 伟 明", "E-1")]
    [InlineData("Sidorenko, Ivan Petrovich", "E-2")]
    [InlineData("DRAGAN KOVACEVIC", "E-3")] // diacritics
    [InlineData("golden lotus trading co ltd", "E-4")]
    [InlineData("Na Li", "E-5")]
    public void Exact_matches(string name, string entry)
    {
        NameMatch? match = Find(name);

        Assert.NotNull(match);
        Assert.True(match.IsExact);
        Assert.Equal(entry, match.EntryId);
        Assert.Equal(1m, match.Similarity);
    }

    [Theory]
    [InlineData("Zhang Weimin", "E-1", 0.9166)] // one deletion in 12 letters
    [InlineData("Zhang Wieming", "E-1", 0.9166)] // one transposition
    [InlineData("Weiming Zhnag", "E-1", 0.9166)] // transposition, other token order
    [InlineData("Ivan Petrovitch Sidorenko", "E-2", 0.9565)] // 1 insertion in 23 letters
    [InlineData("Ivan Petrovich Sidorenka", "E-2", 0.9545)] // 1 substitution in 22 letters
    [InlineData("Dragan Kovacevich", "E-3", 0.9375)]
    [InlineData("Golden Lotus Tradings Co Ltd", "E-4", 0.9583)]
    public void Near_matches(string name, string entry, double similarity)
    {
        NameMatch? match = Find(name);

        Assert.NotNull(match);
        Assert.False(match.IsExact);
        Assert.Equal(entry, match.EntryId);
        Assert.Equal((decimal)similarity, match.Similarity);
    }

    [Theory]
    [InlineData("Zhang Wei")] // a different (shorter) name
    [InlineData("Zhao Weiming")] // two substitutions in 12 letters: 0.83
    [InlineData("Ivan Sidorov")]
    [InlineData("Li Nan")] // short names match exactly only (1 edit in 5 letters is 0.8)
    [InlineData("Lina Li")]
    [InlineData("张伟民")] // one of three characters differs: 0.67
    [InlineData("Golden Lotus")]
    [InlineData("Chen Xiaoyu")]
    public void Non_matches(string name) => Assert.Null(Find(name));

    [Fact]
    public void A_threshold_of_one_allows_exact_matches_only()
    {
        Assert.Null(Find("Zhang Weimin", threshold: 1m));
        Assert.NotNull(Find("Weiming Zhang", threshold: 1m));
    }

    [Fact]
    public void The_threshold_is_inclusive()
    {
        // 1 substitution in 10 letters: similarity 0.9 exactly.
        SanctionsIndex index = SanctionsIndex.Build([Party("E-10", "Li Xiaolong")]);
        NormalizedName name = NameNormalizer.Analyze("Li Xiaolung");

        Assert.NotNull(index.Find(name, 0.9m, CancellationToken.None));
        Assert.Null(index.Find(name, 0.9001m, CancellationToken.None));
    }

    [Fact]
    public void The_most_similar_near_match_wins()
    {
        SanctionsIndex index = SanctionsIndex.Build(
        [
            Party("FAR", "Alexander Konstantinov"),
            Party("NEAR", "Alexandra Konstantinova"),
        ]);

        NameMatch? match = index.Find(NameNormalizer.Analyze("Alexandra Konstantinov"), 0.85m, CancellationToken.None);

        // 2 edits in 21 letters against FAR, 1 in 22 against NEAR.
        Assert.NotNull(match);
        Assert.Equal("NEAR", match.EntryId);
        Assert.Equal(NameSimilarity.Similarity(1, 22), match.Similarity);
    }

    /// <summary>Screening agrees with a brute-force scan of every listed name in every token order (the specification).</summary>
    [Fact]
    public void Screening_agrees_with_a_brute_force_scan()
    {
        var random = new Random(20261125);
        SanctionedParty[] entries = [.. Enumerable.Range(0, 300).Select(i => Party($"E-{i}", RandomName(random)))];
        NormalizedName[] listed = [.. entries.Select(e => NameNormalizer.Analyze(e.Name))];
        SanctionsIndex index = SanctionsIndex.Build(entries);

        int matches = 0;
        for (int q = 0; q < 60; q++)
        {
            string query = q % 2 == 0 ? Typo(random, entries[random.Next(entries.Length)].Name) : RandomName(random);
            NormalizedName name = NameNormalizer.Analyze(query);
            NameMatch? found = index.Find(name, 0.85m, CancellationToken.None);

            int best = BruteForceBestEdits(name, listed, 0.85m, out int longer);
            if (best < 0)
            {
                Assert.Null(found);
            }
            else
            {
                Assert.NotNull(found);
                Assert.Equal(best == 0, found.IsExact);
                Assert.Equal(best == 0 ? 1m : NameSimilarity.Similarity(best, longer), found.Similarity);
                matches++;
            }
        }

        Assert.True(matches >= 20, $"only {matches} of 60 queries matched: the test screens too little");
    }

    /// <summary>
    /// A list of 10,000 names: the length buckets and the bag filter leave the edit distance to a small share of the
    /// list, and building and screening take milliseconds, not seconds (bounds generous for a shared CI machine).
    /// </summary>
    [Fact]
    public void Ten_thousand_names_are_filtered_to_a_few_edit_distances_per_screening()
    {
        var random = new Random(7);
        SanctionedParty[] entries = [.. Enumerable.Range(0, 10_000).Select(i => Party($"E-{i}", RandomName(random)))];
        var stopwatch = Stopwatch.StartNew();
        SanctionsIndex index = SanctionsIndex.Build(entries);
        TimeSpan build = stopwatch.Elapsed;

        long comparisons = 0;
        int found = 0;
        stopwatch.Restart();
        for (int q = 0; q < 1_000; q++)
        {
            SanctionedParty source = entries[random.Next(entries.Length)];
            string query = q % 2 == 0 ? Typo(random, source.Name) : RandomName(random);
            NameMatch? match = index.Find(NameNormalizer.Analyze(query), 0.85m, out int compared, CancellationToken.None);
            comparisons += compared;
            found += match is not null ? 1 : 0;
        }

        TimeSpan search = stopwatch.Elapsed;
        Assert.Equal(10_000, index.Count);
        Assert.True(found >= 300, $"only {found} of 1,000 queries matched");
        Assert.True(comparisons / 1_000.0 < 200, $"{comparisons / 1_000.0:F1} edit distances per screening out of 10,000 names");
        Assert.True(build < TimeSpan.FromSeconds(5), $"building the index took {build}");
        Assert.True(search < TimeSpan.FromSeconds(5), $"1,000 screenings took {search}");
    }

    private static SanctionedParty Party(string id, string name, params string[] aliases)
    {
        var party = new SanctionedParty { Id = id, Name = name };
        foreach (string alias in aliases)
        {
            party.Aliases.Add(alias);
        }

        return party;
    }

    private static readonly string[] Syllables =
    [
        "zhang", "wang", "li", "zhao", "chen", "liu", "yang", "huang", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo",
        "he", "gao", "lin", "luo", "wei", "ming", "hua", "jun", "xiao", "yu", "hao", "ran", "fang", "ting", "jie", "qiang",
        "ivan", "olga", "petro", "vich", "enko", "ova", "dragan", "mir", "kov", "al", "rashid", "abdul", "hassan", "omar",
    ];

    private static string RandomName(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(2, 4)).Select(_ =>
            string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Syllables[random.Next(Syllables.Length)]))));

    private static string Typo(Random random, string name)
    {
        int at = random.Next(1, name.Length - 1);
        return random.Next(3) switch
        {
            0 => name.Remove(at, 1),
            1 => name.Insert(at, "e"),
            _ => string.Concat(name.AsSpan(0, at - 1), name[at].ToString(), name[at - 1].ToString(), name.AsSpan(at + 1)),
        };
    }

    /// <summary>The fewest edits to any listed name in any token orders of both, among those within the threshold; -1 if none.</summary>
    private static int BruteForceBestEdits(NormalizedName name, NormalizedName[] listed, decimal threshold, out int bestLonger)
    {
        int best = -1;
        bestLonger = 1;
        foreach (NormalizedName candidate in listed)
        {
            int longer = Math.Max(name.Compact.Length, candidate.Compact.Length);
            if (Math.Abs(name.Compact.Length - candidate.Compact.Length) > NameSimilarity.AllowedEdits(longer, threshold))
            {
                continue; // every edit changes the length by at most 1
            }

            int edits = name.Orders.SelectMany(a => candidate.Orders.Select(b => NaiveNameDistance.Distance(a, b))).Min();
            if (edits <= NameSimilarity.AllowedEdits(longer, threshold) && (best < 0 || (long)edits * bestLonger < (long)best * longer))
            {
                best = edits;
                bestLonger = longer;
            }
        }

        return best;
    }
}
