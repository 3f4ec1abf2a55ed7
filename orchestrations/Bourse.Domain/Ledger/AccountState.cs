using System.Globalization;

namespace Bourse.Domain.Ledger;

/// <summary>
/// An account's balances per asset (available and held), its holds per order, and its floors (per asset: available never
/// ends an entry below it; zero unless configured, negative for a credit line). Immutable: <see cref="Apply"/> returns
/// a new state. Invariant: each asset's held balance is the sum of that asset's order holds.
/// </summary>
public sealed class AccountState
{
    private static readonly IReadOnlyDictionary<string, AssetBalance> NoBalances = new Dictionary<string, AssetBalance>();
    private static readonly IReadOnlyDictionary<string, OrderHold> NoHolds = new Dictionary<string, OrderHold>();
    private static readonly IReadOnlyDictionary<string, decimal> NoFloors = new Dictionary<string, decimal>();

    public AccountState(
        string accountId,
        IReadOnlyDictionary<string, AssetBalance>? balances = null,
        IReadOnlyDictionary<string, OrderHold>? holds = null,
        IReadOnlyDictionary<string, decimal>? floors = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        AccountId = accountId;
        Balances = balances ?? NoBalances;
        Holds = holds ?? NoHolds;
        Floors = floors ?? NoFloors;
    }

    public string AccountId { get; }

    /// <summary>Balance per asset; an asset never touched is absent (zero).</summary>
    public IReadOnlyDictionary<string, AssetBalance> Balances { get; }

    /// <summary>What each order still holds; an order whose hold is used up or released is absent.</summary>
    public IReadOnlyDictionary<string, OrderHold> Holds { get; }

    /// <summary>Configured floors per asset; absent means zero.</summary>
    public IReadOnlyDictionary<string, decimal> Floors { get; }

    public AssetBalance BalanceOf(string asset) => Balances.TryGetValue(asset, out var balance) ? balance : default;

    public decimal FloorOf(string asset) => Floors.TryGetValue(asset, out var floor) ? floor : 0m;

    /// <summary>This state with the floor of <paramref name="asset"/> set (balances are not checked against it until the next debit).</summary>
    public AccountState WithFloor(string asset, decimal floor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(asset);
        var floors = new Dictionary<string, decimal>(Floors, StringComparer.Ordinal) { [asset] = floor };
        return new AccountState(AccountId, Balances, Holds, floors);
    }

    /// <summary>
    /// Applies <paramref name="entry"/>'s postings to this account (all or none). Available moves by its postings; a
    /// credit to held adds to the order's hold; a debit from held takes what the order's hold has left and the rest from
    /// available. Refused when an asset's available would end below its floor and lower than it was (an entry that
    /// raises a balance already below a raised floor is allowed), except for a <see cref="JournalEntryKind.DirectFill"/>,
    /// which records a trade that has already happened.
    /// </summary>
    public AccountApplication Apply(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var balances = new Dictionary<string, AssetBalance>(Balances, StringComparer.Ordinal);
        var holds = new Dictionary<string, OrderHold>(Holds, StringComparer.Ordinal);
        foreach (var posting in entry.PostingsFor(AccountId))
        {
            var balance = balances.TryGetValue(posting.Asset, out var b) ? b : default;
            if (posting.Bucket == LedgerBucket.Available)
            {
                balance = balance with { Available = balance.Available + posting.Amount };
            }
            else
            {
                var orderId = posting.OrderId!;
                var hasHold = holds.TryGetValue(orderId, out var hold);
                if (hasHold && !string.Equals(hold.Asset, posting.Asset, StringComparison.Ordinal))
                {
                    if (posting.Amount > 0m)
                    {
                        return Refuse(LedgerRefusalCode.HoldAssetMismatch, posting.Asset,
                            $"order {orderId} already holds {hold.Asset}, not {posting.Asset}");
                    }

                    // The order's hold is in another asset and has nothing of this one: all of it comes from available.
                    balance = balance with { Available = balance.Available + posting.Amount };
                }
                else
                {
                    var held = hasHold ? hold.Amount : 0m;
                    if (posting.Amount > 0m)
                    {
                        held += posting.Amount;
                        balance = balance with { Held = balance.Held + posting.Amount };
                    }
                    else
                    {
                        var fromHold = Math.Min(-posting.Amount, held);
                        held -= fromHold;
                        balance = new AssetBalance(balance.Available + posting.Amount + fromHold, balance.Held - fromHold);
                    }

                    if (held == 0m)
                    {
                        holds.Remove(orderId);
                    }
                    else
                    {
                        holds[orderId] = new OrderHold(posting.Asset, held);
                    }
                }
            }

            balances[posting.Asset] = balance;
        }

        if (entry.Kind != JournalEntryKind.DirectFill)
        {
            foreach (var (asset, balance) in balances)
            {
                var before = BalanceOf(asset).Available;
                var floor = FloorOf(asset);
                if (balance.Available < floor && balance.Available < before)
                {
                    return Refuse(LedgerRefusalCode.BelowFloor, asset, string.Create(CultureInfo.InvariantCulture,
                        $"entry {entry.Id} would leave {AccountId} with {balance.Available} {asset} available, below its floor {floor} (available now {before})"));
                }
            }
        }

        return new AccountApplication(new AccountState(AccountId, balances, holds, Floors), null);
    }

    private AccountApplication Refuse(LedgerRefusalCode code, string asset, string detail) =>
        new(this, new LedgerRefusal(code, AccountId, asset, detail));
}
