namespace Bourse.Domain.Risk.Names;

/// <summary>
/// Damerau-Levenshtein distance in its optimal-string-alignment form (insertions, deletions, substitutions and
/// transpositions of adjacent characters, each 1; no substring edited twice), and the similarity built on it:
/// <c>1 - distance / length of the longer string</c>.
/// </summary>
internal static class NameSimilarity
{
    private const int StackLimit = 256;

    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/>, or <c>max + 1</c> as soon as it is sure to exceed <paramref name="max"/>.</summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return Math.Min(Math.Max(a.Length, b.Length), max + 1);
        }

        int width = b.Length + 1;
        Span<int> rows = 3 * width <= StackLimit ? stackalloc int[3 * width] : new int[3 * width];
        Span<int> beforePrevious = rows[..width];
        Span<int> previous = rows.Slice(width, width);
        Span<int> current = rows.Slice(2 * width, width);
        for (int j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMinimum = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > max)
            {
                // Every later row is at least this row's minimum: the distance exceeds max.
                return max + 1;
            }

            Span<int> recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }

        return Math.Min(previous[b.Length], max + 1);
    }

    /// <summary>The most edits two strings may differ by, the longer being <paramref name="longerLength"/> long, for a similarity of at least <paramref name="threshold"/>.</summary>
    public static int AllowedEdits(int longerLength, decimal threshold) => (int)decimal.Floor((1m - threshold) * longerLength);

    /// <summary><c>1 - distance / longerLength</c>, rounded to 4 decimals (for the record; decisions compare edits, see <see cref="AllowedEdits"/>).</summary>
    public static decimal Similarity(int distance, int longerLength) =>
        longerLength == 0 ? 1m : Math.Round(1m - ((decimal)distance / longerLength), 4, MidpointRounding.ToZero);
}
