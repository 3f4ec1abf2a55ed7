using System.Globalization;
using System.Text;

namespace Bourse.Domain.Risk.Names;

/// <summary>
/// The form names are compared in: lower case, full-width forms folded to their ASCII letters and digits (the part of
/// NFKC that names need), diacritics removed (<c>Müller</c> → <c>muller</c>), punctuation, symbols and whitespace as
/// separators between tokens, one space between tokens. Letters of other scripts (Chinese characters among them) are
/// kept as they are. The same on every host (see <see cref="LatinFolding"/> for why it does not use
/// <see cref="string.Normalize(NormalizationForm)"/>), and idempotent.
/// </summary>
/// <example><c>"ＸＩ　Jìn-Píng"</c> → <c>"xi jin ping"</c>; without spaces (<see cref="NormalizedName.Compact"/>), <c>xijinping</c>,
/// as for <c>"XiJinping"</c> and <c>"xi-jinping"</c>.</example>
public static class NameNormalizer
{
    private const int FullWidthFirst = 0xFF01; // FULLWIDTH EXCLAMATION MARK
    private const int FullWidthLast = 0xFF5E; // FULLWIDTH TILDE
    private const int FullWidthOffset = 0xFF01 - 0x21;
    private const int IdeographicSpace = 0x3000;

    /// <summary>The normalized tokens of <paramref name="name"/>, joined by single spaces; empty when it has no letter or digit.</summary>
    public static string Normalize(string name) => string.Join(' ', Tokenize(name));

    /// <summary>The tokens of <paramref name="name"/> and the keys derived from them.</summary>
    internal static NormalizedName Analyze(string name) => new(Tokenize(name));

    internal static string[] Tokenize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tokens = new List<string>();
        var token = new StringBuilder();
        foreach (Rune original in name.EnumerateRunes())
        {
            Rune rune = FoldWidth(original);
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format)
            {
                // Diacritics of decomposed text, and invisible characters (soft hyphen, zero-width joiners): dropped,
                // without splitting the token.
                continue;
            }

            rune = Rune.ToLowerInvariant(rune);
            if (rune.IsBmp && LatinFolding.TryFold((char)rune.Value, out string? folded))
            {
                token.Append(folded);
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                token.Append(rune.ToString());
            }
            else if (token.Length > 0)
            {
                tokens.Add(token.ToString());
                token.Clear();
            }
        }

        if (token.Length > 0)
        {
            tokens.Add(token.ToString());
        }

        return [.. tokens];
    }

    private static Rune FoldWidth(Rune rune) => rune.Value switch
    {
        >= FullWidthFirst and <= FullWidthLast => new Rune(rune.Value - FullWidthOffset),
        IdeographicSpace => new Rune(' '),
        _ => rune,
    };
}
