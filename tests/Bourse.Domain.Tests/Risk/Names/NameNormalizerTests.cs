using Bourse.Domain.Risk.Names;

namespace Bourse.Domain.Tests.Risk.Names;

public sealed class NameNormalizerTests
{
    [Theory]
    [InlineData("ＬＩ　ＸＩＡＯＬＯＮＧ", "li xiaolong")] // full-width Latin and the ideographic space
    [InlineData("Ｌｉ Ｘｉａｏｌｏｎｇ１２３", "li xiaolong123")] // full-width lower case and digits
    [InlineData("lI xIAOlONG", "li xiaolong")] // mixed case
    [InlineData("  Li,\t Xiao.long!!  ", "li xiao long")] // punctuation and extra whitespace
    [InlineData("O'Brien-Smith, John", "o brien smith john")]
    [InlineData("José Müller-Lüdenscheidt", "jose muller ludenscheidt")] // precomposed diacritics
    [InlineData("Jose\u0301 Mu\u0308ller", "jose muller")] // decomposed: letter + combining mark
    [InlineData("Nguyễn Tấn Dũng", "nguyen tan dung")] // Vietnamese, stacked diacritics
    [InlineData("Straße Øresund Łódź Æsir", "strasse oresund lodz aesir")] // letters that do not decompose
    [InlineData("İSTANBUL", "istanbul")] // dotted capital I (invariant lower-casing leaves it alone)
    [InlineData("ﬁnance", "finance")] // ligature
    [InlineData("Xi\u00ADJin\u200BPing", "xijinping")] // soft hyphen and zero-width space join, not split
    [InlineData("张伟明", "张伟明")] // Chinese characters are kept
    [InlineData("张　伟明", "张 伟明")]
    [InlineData("阿卜杜勒·拉赫曼", "阿卜杜勒 拉赫曼")] // the interpunct of transliterated names separates
    [InlineData("ΣΙΣΥΦΟΣ", "σισυφοσ")] // other scripts: lower case only
    [InlineData("---", "")]
    [InlineData("", "")]
    public void Normalizes(string name, string expected) => Assert.Equal(expected, NameNormalizer.Normalize(name));

    /// <summary>The example of transliteration spacing: one compact form for all three.</summary>
    [Theory]
    [InlineData("Xi Jin Ping")]
    [InlineData("XiJinping")]
    [InlineData("xi-jinping")]
    [InlineData("ＸＩ　ＪＩＮ　ＰＩＮＧ")]
    [InlineData("xi.jin.ping")]
    public void Transliteration_spacing_does_not_change_the_compact_form(string name) =>
        Assert.Equal("xijinping", NameNormalizer.Analyze(name).Compact);

    [Fact]
    public void Every_token_order_is_a_key_for_up_to_four_tokens()
    {
        NormalizedName name = NameNormalizer.Analyze("Ivan Petrovich Sidorenko");

        Assert.Equal(6, name.Orders.Length);
        Assert.Equal("ivanpetrovichsidorenko", name.Orders[0]);
        Assert.Contains("sidorenkoivanpetrovich", name.Orders);
    }

    [Fact]
    public void Longer_names_keep_their_own_order_and_the_sorted_one()
    {
        NormalizedName name = NameNormalizer.Analyze("e d c b a");

        Assert.Equal(["edcba", "abcde"], name.Orders);
    }

    [Fact]
    public void Repeated_tokens_give_distinct_orders_only()
    {
        NormalizedName name = NameNormalizer.Analyze("ali ali");

        Assert.Equal(["aliali"], name.Orders);
    }
}
