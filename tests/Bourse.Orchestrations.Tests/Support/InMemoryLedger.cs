using Bourse.Orchestrations.Ports;

namespace Bourse.Orchestrations.Tests.Support;

/// <summary>
/// A thread-safe ledger in memory: available balances per (account, asset), holds, and journal entries applied once by
/// id. It refuses what a real ledger must: an entry that does not sum to zero per asset, a customer balance or a hold
/// below zero (a customer balance may go below zero only for an <see cref="JournalEntry.AlreadyExecuted"/> entry).
/// </summary>
internal sealed class InMemoryLedger : ILedger
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Account, string Asset), decimal> _balances = [];
    private readonly Dictionary<string, Hold> _holds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JournalEntry> _entries = new(StringComparer.Ordinal);

    public void Deposit(string account, string asset, decimal amount)
    {
        lock (_lock)
        {
            _balances[(account, asset)] = Balance(account, asset) + amount;
        }
    }

    public decimal Balance(string account, string asset)
    {
        lock (_lock)
        {
            return _balances.GetValueOrDefault((account, asset));
        }
    }

    public decimal? HoldRemaining(string holdId)
    {
        lock (_lock)
        {
            return _holds.TryGetValue(holdId, out Hold? hold) ? hold.Remaining : null;
        }
    }

    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.Values];
            }
        }
    }

    public ValueTask<HoldResult> ReserveAsync(HoldRequest request, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            decimal available = Balance(request.AccountId, request.Asset);
            if (_holds.TryGetValue(request.HoldId, out Hold? existing))
            {
                return ValueTask.FromResult(new HoldResult(true, existing.AvailableBefore));
            }

            if (available < request.Amount)
            {
                return ValueTask.FromResult(new HoldResult(false, available));
            }

            _balances[(request.AccountId, request.Asset)] = available - request.Amount;
            _holds[request.HoldId] = new Hold(request.AccountId, request.Asset, request.Amount, available);
            return ValueTask.FromResult(new HoldResult(true, available));
        }
    }

    public ValueTask<PostingResult> PostAsync(JournalEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_entries.ContainsKey(entry.EntryId))
            {
                return ValueTask.FromResult(PostingResult.AlreadyPosted);
            }

            foreach (IGrouping<string, Posting> asset in entry.Postings.GroupBy(p => p.Asset))
            {
                if (asset.Sum(p => p.Amount) != 0)
                {
                    throw new LedgerException($"entry {entry.EntryId} does not balance in {asset.Key}");
                }
            }

            var balances = new Dictionary<(string, string), decimal>(_balances);
            var holds = _holds.ToDictionary(h => h.Key, h => h.Value with { }, StringComparer.Ordinal);
            foreach (Posting posting in entry.Postings)
            {
                if (posting.HoldId is { } holdId)
                {
                    if (!holds.TryGetValue(holdId, out Hold? hold) || hold.Released || hold.Account != posting.Account || hold.Asset != posting.Asset
                        || posting.Amount > 0 || hold.Remaining + posting.Amount < 0)
                    {
                        throw new LedgerException($"entry {entry.EntryId}: hold {holdId} cannot pay {-posting.Amount} {posting.Asset}");
                    }

                    holds[holdId] = hold with { Remaining = hold.Remaining + posting.Amount };
                    continue;
                }

                decimal after = balances.GetValueOrDefault((posting.Account, posting.Asset)) + posting.Amount;
                if (after < 0 && !LedgerAccounts.IsSystem(posting.Account) && !entry.AlreadyExecuted)
                {
                    throw new LedgerException($"entry {entry.EntryId}: {posting.Account} would hold {after} {posting.Asset}");
                }

                balances[(posting.Account, posting.Asset)] = after;
            }

            _balances.Clear();
            foreach (KeyValuePair<(string, string), decimal> balance in balances)
            {
                _balances[balance.Key] = balance.Value;
            }

            foreach (KeyValuePair<string, Hold> hold in holds)
            {
                _holds[hold.Key] = hold.Value;
            }

            _entries[entry.EntryId] = entry;
            return ValueTask.FromResult(PostingResult.Posted);
        }
    }

    public ValueTask<HoldRelease> ReleaseHoldAsync(string holdId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_holds.TryGetValue(holdId, out Hold? hold))
            {
                return ValueTask.FromResult(new HoldRelease(holdId, 0));
            }

            if (!hold.Released)
            {
                _balances[(hold.Account, hold.Asset)] = Balance(hold.Account, hold.Asset) + hold.Remaining;
                hold = hold with { Released = true, ReleasedAmount = hold.Remaining, Remaining = 0 };
                _holds[holdId] = hold;
            }

            return ValueTask.FromResult(new HoldRelease(holdId, hold.ReleasedAmount));
        }
    }

    private sealed record Hold(string Account, string Asset, decimal Remaining, decimal AvailableBefore)
    {
        public bool Released { get; init; }

        public decimal ReleasedAmount { get; init; }
    }
}
