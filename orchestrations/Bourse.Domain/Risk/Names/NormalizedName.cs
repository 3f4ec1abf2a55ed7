namespace Bourse.Domain.Risk.Names;

/// <summary>A name after <see cref="NameNormalizer"/>: its tokens and the keys that screening compares.</summary>
internal sealed class NormalizedName
{
    /// <summary>Names with more tokens than this are compared in their own and in sorted token order only, not in every order.</summary>
    internal const int MaxTokensForAllOrders = 4;

    private const int BagBuckets = 64;

    public NormalizedName(string[] tokens)
    {
        Tokens = tokens;
        Spaced = string.Join(' ', tokens);
        Compact = string.Concat(tokens);
        Orders = OrderVariants(tokens);
        Bag = new byte[BagBuckets];
        foreach (char c in Compact)
        {
            ref byte count = ref Bag[c % BagBuckets];
            count = count == byte.MaxValue ? count : (byte)(count + 1);
            Presence |= 1UL << (c % BagBuckets);
        }
    }

    /// <summary>The tokens, in the name's order.</summary>
    public string[] Tokens { get; }

    /// <summary>The tokens joined by single spaces (<see cref="NameNormalizer.Normalize"/>).</summary>
    public string Spaced { get; }

    /// <summary>The tokens joined without spaces: <c>xijinping</c> for "Xi Jin Ping", "XiJinping" and "xi-jinping" alike.</summary>
    public string Compact { get; }

    /// <summary>
    /// <see cref="Compact"/> of every order of the tokens (distinct, the name's own order first), so "Jinping Xi" can meet
    /// "Xi Jinping"; for more than <see cref="MaxTokensForAllOrders"/> tokens, the name's own order and the sorted one.
    /// </summary>
    public string[] Orders { get; }

    /// <summary>How many characters of the compact form fall in each of 64 buckets (by code modulo 64, saturating at 255).</summary>
    /// <remarks>A cheap filter: for two names, the larger of the two one-sided differences of their bags is a lower bound
    /// of their edit distance (an insertion, deletion or substitution changes it by at most 1, a transposition not at all;
    /// merging characters into buckets or saturating a count only lowers it), and it does not depend on token order.</remarks>
    public byte[] Bag { get; }

    /// <summary>Which of the 64 buckets of <see cref="Bag"/> are not empty, one bit each.</summary>
    /// <remarks>An even cheaper filter than the bag: a bucket that one name has and the other lacks needs at least one
    /// edit, so the larger of the two one-sided counts of such buckets is a lower bound of <see cref="BagDistance"/>
    /// (two instructions: an and-not and a population count).</remarks>
    public ulong Presence { get; }

    public bool IsEmpty => Compact.Length == 0;

    /// <summary>A lower bound of <see cref="BagDistance"/> from <see cref="Presence"/> alone.</summary>
    public static int PresenceDistance(ulong a, ulong b) =>
        Math.Max(System.Numerics.BitOperations.PopCount(a & ~b), System.Numerics.BitOperations.PopCount(b & ~a));

    /// <summary>A lower bound of the edit distance between the compact forms of two names, in any token order.</summary>
    public static int BagDistance(NormalizedName a, NormalizedName b)
    {
        // sum(a - b) over all buckets = more - fewer, so one sum of absolute differences gives both.
        int absolute = 0, signed = 0;
        for (int i = 0; i < BagBuckets; i++)
        {
            int difference = a.Bag[i] - b.Bag[i];
            signed += difference;
            absolute += Math.Abs(difference);
        }

        // more = (absolute + signed) / 2, fewer = (absolute - signed) / 2.
        return (absolute + Math.Abs(signed)) / 2;
    }

    private static string[] OrderVariants(string[] tokens)
    {
        var orders = new List<string> { string.Concat(tokens) };
        if (tokens.Length > MaxTokensForAllOrders)
        {
            orders.Add(string.Concat(tokens.Order(StringComparer.Ordinal)));
        }
        else
        {
            Permute(tokens, 0, orders);
        }

        return [.. orders.Distinct(StringComparer.Ordinal)];
    }

    private static void Permute(string[] tokens, int from, List<string> orders)
    {
        if (from == tokens.Length)
        {
            orders.Add(string.Concat(tokens));
            return;
        }

        string[] working = [.. tokens];
        for (int i = from; i < working.Length; i++)
        {
            (working[from], working[i]) = (working[i], working[from]);
            Permute(working, from + 1, orders);
            (working[from], working[i]) = (working[i], working[from]);
        }
    }
}
