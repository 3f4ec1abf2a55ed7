using System.Text;
using Bourse.Domain.Risk.Configuration;
using Bourse.Domain.Risk.Names;
using CsCheck;

namespace Bourse.Domain.Tests.Risk.Names;

/// <summary>Properties of normalization and exact matching over generated names.</summary>
public sealed class NameNormalizerProperties
{
    // Characters that exercise every branch: ASCII, full-width, Latin with diacritics, combining marks, punctuation,
    // spaces of several kinds, invisible characters, Chinese, Greek, surrogate halves.
    private static readonly Gen<char> InterestingChar = Gen.OneOf(
        Gen.Char['a', 'z'],
        Gen.Char['A', 'Z'],
        Gen.Char['0', '9'],
        Gen.Char['\uFF01', '\uFF5E'],
        Gen.Char['\u00C0', '\u024F'],
        Gen.Char['\u1E00', '\u1EFF'],
        Gen.Char['\u0300', '\u036F'],
        Gen.OneOf(' ', '\t', '\u3000', '\u00A0', '-', '.', ',', '\'', '·', '\u00AD', '\u200B', '\uFB01', '\u212B', '\u0130'),
        Gen.Char['\u4E00', '\u4E2F'],
        Gen.Char['\u0391', '\u03C9'],
        Gen.Char['\uD800', '\uDFFF'],
        Gen.Char);

    private static readonly Gen<string> AnyName = InterestingChar.Array[0, 40].Select(chars => new string(chars));

    [Fact]
    public void Normalization_is_idempotent() =>
        AnyName.Sample(name =>
        {
            string once = NameNormalizer.Normalize(name);
            Assert.Equal(once, NameNormalizer.Normalize(once));
        }, iter: 20_000);

    [Fact]
    public void Normalized_text_is_tokens_of_lower_case_letters_and_digits_separated_by_single_spaces() =>
        AnyName.Sample(name =>
        {
            string normalized = NameNormalizer.Normalize(name);
            Assert.DoesNotContain("  ", normalized, StringComparison.Ordinal);
            Assert.False(normalized.StartsWith(' ') || normalized.EndsWith(' '));
            foreach (Rune rune in normalized.EnumerateRunes())
            {
                Assert.True(rune.Value == ' ' || (Rune.IsLetterOrDigit(rune) && Rune.ToLowerInvariant(rune) == rune), $"'{rune}' in '{normalized}'");
            }
        }, iter: 20_000);

    private static readonly Gen<string[]> NameTokens = Gen.Char['a', 'z'].Array[2, 8].Select(c => new string(c)).Array[1, 4];

    /// <summary>A name, written with random case, full-width letters, separators and spacing, in a random token order.</summary>
    private static readonly Gen<(string[] Tokens, string Written)> WrittenName =
        NameTokens.SelectMany(tokens => Gen.Shuffle((string[])tokens.Clone()).SelectMany(order =>
            Gen.Select(
                Gen.Int[0, 3].Array[order.Sum(t => t.Length)],
                Gen.OneOf(" ", "  ", "\u3000", "-", ". ", "", "\t").Array[order.Length + 1])
            .Select((styles, separators) =>
            {
                var written = new StringBuilder(separators[0]);
                int k = 0;
                for (int t = 0; t < order.Length; t++)
                {
                    foreach (char c in order[t])
                    {
                        written.Append(styles[k++] switch
                        {
                            0 => c,
                            1 => char.ToUpperInvariant(c),
                            2 => (char)(c - 'a' + 'Ａ'),
                            _ => (char)(c - 'a' + 'ａ'),
                        });
                    }

                    written.Append(separators[t + 1]);
                }

                return (tokens, written.ToString());
            })));

    [Fact]
    public void A_listed_name_always_matches_itself_exactly_in_any_case_width_spacing_and_token_order() =>
        WrittenName.Sample(name =>
        {
            var entry = new SanctionedParty { Id = "E-1", Name = string.Join(' ', name.Tokens) };
            SanctionsIndex index = SanctionsIndex.Build([entry]);

            NameMatch? match = index.Find(NameNormalizer.Analyze(name.Written), 0.85m, CancellationToken.None);

            Assert.NotNull(match);
            Assert.True(match.IsExact, $"'{name.Written}' against '{entry.Name}'");
        }, iter: 5_000);
}
