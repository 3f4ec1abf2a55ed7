using Bourse.Domain.Risk.Names;
using CsCheck;

namespace Bourse.Domain.Tests.Risk.Names;

public sealed class NameSimilarityTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("xijinping", "xijingping", 1)] // insertion
    [InlineData("zhangweiming", "zhangwieming", 1)] // adjacent transposition counts once
    [InlineData("ca", "abc", 3)] // optimal string alignment: no edit of a transposed pair
    [InlineData("张伟明", "张伟民", 1)]
    public void Distance_of_known_pairs(string a, string b, int expected)
    {
        Assert.Equal(expected, NameSimilarity.Distance(a, b, max: 100));
        Assert.Equal(expected, NameSimilarity.Distance(b, a, max: 100));
    }

    [Fact]
    public void A_distance_beyond_the_bound_is_reported_as_bound_plus_one()
    {
        Assert.Equal(2, NameSimilarity.Distance("kitten", "sitting", max: 1));
        Assert.Equal(1, NameSimilarity.Distance("abcdef", "abc", max: 0));
        Assert.Equal(1, NameSimilarity.Distance("abc", "", max: 0));
    }

    [Theory]
    [InlineData(10, 0.85, 1)]
    [InlineData(20, 0.85, 3)]
    [InlineData(6, 0.85, 0)]
    [InlineData(7, 0.85, 1)]
    [InlineData(10, 0.9, 1)]
    [InlineData(9, 0.9, 0)]
    [InlineData(13, 1.0, 0)]
    public void Allowed_edits_for_a_threshold(int length, double threshold, int expected) =>
        Assert.Equal(expected, NameSimilarity.AllowedEdits(length, (decimal)threshold));

    [Fact]
    public void Similarity_is_rounded_down_to_four_decimals()
    {
        Assert.Equal(0.9m, NameSimilarity.Similarity(1, 10));
        Assert.Equal(0.6666m, NameSimilarity.Similarity(1, 3));
        Assert.Equal(1m, NameSimilarity.Similarity(0, 0));
    }

    [Fact]
    public void Bounded_distance_agrees_with_the_naive_table() =>
        Gen.Select(Gen.Char['a', 'e'].Array[0, 12], Gen.Char['a', 'e'].Array[0, 12], Gen.Int[0, 12])
            .Sample((a, b, max) =>
            {
                string left = new(a), right = new(b);
                int expected = Math.Min(NaiveNameDistance.Distance(left, right), max + 1);
                Assert.Equal(expected, NameSimilarity.Distance(left, right, max));
            }, iter: 20_000);

    [Fact]
    public void The_presence_and_bag_distances_never_exceed_the_edit_distance() =>
        Gen.Select(Gen.Char['a', 'f'].Array[1, 12], Gen.Char['a', 'f'].Array[1, 12])
            .Sample((a, b) =>
            {
                NormalizedName left = NameNormalizer.Analyze(new string(a)), right = NameNormalizer.Analyze(new string(b));
                int bag = NormalizedName.BagDistance(left, right);
                Assert.True(NormalizedName.PresenceDistance(left.Presence, right.Presence) <= bag);
                Assert.True(bag <= NaiveNameDistance.Distance(left.Compact, right.Compact));
            }, iter: 20_000);

    [Fact]
    public void The_bag_distance_is_the_larger_one_sided_difference()
    {
        NormalizedName aab = NameNormalizer.Analyze("aab"), abbb = NameNormalizer.Analyze("abbb");

        // aab has one 'a' more; abbb has two 'b's more.
        Assert.Equal(2, NormalizedName.BagDistance(aab, abbb));
        Assert.Equal(2, NormalizedName.BagDistance(abbb, aab));
        Assert.Equal(0, NormalizedName.BagDistance(NameNormalizer.Analyze("ab cd"), NameNormalizer.Analyze("dcba")));
    }
}
