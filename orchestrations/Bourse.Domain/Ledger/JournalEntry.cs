using System.Globalization;

namespace Bourse.Domain.Ledger;

/// <summary>
/// A balanced set of <see cref="Posting"/>s under a deterministic id (<see cref="EntryIds"/>): for every asset the amounts
/// sum to zero, so an entry moves value between accounts and buckets and never creates or destroys it. Checked here, at
/// construction: an unbalanced entry cannot exist.
/// </summary>
public sealed class JournalEntry
{
    /// <exception cref="ArgumentException">The id is empty, a posting is malformed, or the postings do not sum to zero per asset.</exception>
    public JournalEntry(string id, JournalEntryKind kind, IEnumerable<Posting> postings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(postings);
        var list = postings.ToArray();
        foreach (var posting in list)
        {
            Validate(posting);
        }

        foreach (var asset in list.GroupBy(p => p.Asset, StringComparer.Ordinal))
        {
            var sum = asset.Sum(p => p.Amount);
            if (sum != 0m)
            {
                throw new ArgumentException(
                    $"entry '{id}': the postings in {asset.Key} sum to {sum.ToString(CultureInfo.InvariantCulture)}, not zero", nameof(postings));
            }
        }

        Id = id;
        Kind = kind;
        Postings = list;
        Accounts = OrderAccounts(list);
    }

    /// <summary>The deterministic id.</summary>
    public string Id { get; }

    public JournalEntryKind Kind { get; }

    /// <summary>The postings, in the order given; possibly none (a release of a hold with nothing left).</summary>
    public IReadOnlyList<Posting> Postings { get; }

    /// <summary>
    /// The accounts the entry touches, in the order it is applied to them: accounts with a debit first, then the ones
    /// only credited, each group in ordinal order. Every writer uses this order, so the first account is where the entry
    /// is accepted or refused (only a debit can breach a floor).
    /// </summary>
    public IReadOnlyList<string> Accounts { get; }

    /// <summary>The postings to <paramref name="accountId"/>.</summary>
    public IEnumerable<Posting> PostingsFor(string accountId) => Postings.Where(p => string.Equals(p.AccountId, accountId, StringComparison.Ordinal));

    /// <summary>Whether two entries record the same postings (a duplicate delivery of the same event).</summary>
    public bool HasSamePostings(JournalEntry other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && Postings.SequenceEqual(other.Postings);
    }

    private static void Validate(Posting posting)
    {
        ArgumentNullException.ThrowIfNull(posting);
        ArgumentException.ThrowIfNullOrWhiteSpace(posting.AccountId, nameof(posting));
        ArgumentException.ThrowIfNullOrWhiteSpace(posting.Asset, nameof(posting));
        if (posting.Amount == 0m)
        {
            throw new ArgumentException($"a posting to {posting.AccountId} in {posting.Asset} has amount zero", nameof(posting));
        }

        if (posting.Bucket == LedgerBucket.Held && string.IsNullOrWhiteSpace(posting.OrderId))
        {
            throw new ArgumentException($"a held posting to {posting.AccountId} in {posting.Asset} names no order", nameof(posting));
        }

        if (posting.Bucket == LedgerBucket.Available && posting.OrderId is not null)
        {
            throw new ArgumentException($"an available posting to {posting.AccountId} in {posting.Asset} names an order", nameof(posting));
        }

        if (!Enum.IsDefined(posting.Bucket))
        {
            throw new ArgumentException($"unknown bucket {posting.Bucket}", nameof(posting));
        }
    }

    private static string[] OrderAccounts(Posting[] postings)
    {
        var debited = postings.Where(p => p.Amount < 0m).Select(p => p.AccountId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var credited = postings.Select(p => p.AccountId).Distinct(StringComparer.Ordinal)
            .Where(a => !debited.Contains(a, StringComparer.Ordinal)).Order(StringComparer.Ordinal);
        return [.. debited, .. credited];
    }
}
