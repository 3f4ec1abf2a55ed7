using System.Text;
using System.Xml;

namespace Bourse.Domain.Reporting.FinCen;

/// <summary>Makes free text fit the FinCEN string types: XML-legal characters, the <c>\S+( +\S+)*|</c> pattern, a maximum length.</summary>
internal static class FinCenText
{
    /// <summary>
    /// <paramref name="value"/> with every run of whitespace or control characters made one space, no leading or trailing
    /// space, characters that XML 1.0 cannot carry dropped, cut to <paramref name="maxLength"/> UTF-16 units without
    /// splitting a surrogate pair; empty for <see langword="null"/>.
    /// </summary>
    public static string Fit(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = new StringBuilder(Math.Min(value.Length, maxLength));
        bool space = false;
        for (int i = 0; i < value.Length && text.Length < maxLength; i++)
        {
            char c = value[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                // The schemas' pattern allows single spaces only, and FinCEN rejects a batch with CR, LF or tab in a value.
                space = text.Length > 0;
                continue;
            }

            string? keep = null;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], c))
                {
                    keep = value.Substring(i, 2);
                    i++;
                }
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                keep = c.ToString();
            }

            if (keep is null)
            {
                continue;
            }

            int needed = (space ? 1 : 0) + keep.Length;
            if (text.Length + needed > maxLength)
            {
                break;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            text.Append(keep);
        }

        return text.ToString();
    }

    /// <summary>
    /// Splits <paramref name="narrative"/> (XML-legal text, line breaks allowed) into at most <paramref name="maxBlocks"/>
    /// blocks of at most <paramref name="blockLength"/> UTF-16 units, never inside a surrogate pair; what does not fit is cut.
    /// </summary>
    public static IReadOnlyList<string> Blocks(string narrative, int blockLength, int maxBlocks)
    {
        var blocks = new List<string>();
        int start = 0;
        while (start < narrative.Length && blocks.Count < maxBlocks)
        {
            int length = Math.Min(blockLength, narrative.Length - start);
            if (start + length < narrative.Length && char.IsHighSurrogate(narrative[start + length - 1]))
            {
                length--;
            }

            blocks.Add(narrative.Substring(start, length));
            start += length;
        }

        return blocks;
    }
}
