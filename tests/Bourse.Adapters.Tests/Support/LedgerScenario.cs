using Bourse.Adapters.Cosmos;
using Bourse.Domain.Ledger;

namespace Bourse.Adapters.Tests.Support;

/// <summary>Funding, fills and the sums the tests check.</summary>
internal static class LedgerScenario
{
    public const string Bank = "bank";
    public const string Instrument = "XSHG:600000";

    public static readonly FeeSchedule Fees = new() { BuyerRate = 0.0003m, SellerRate = 0.0013m };

    /// <summary>Lets the funding account go negative, then moves <paramref name="amount"/> to <paramref name="accountId"/>.</summary>
    public static async Task FundAsync(CosmosLedger ledger, string accountId, string asset, decimal amount)
    {
        await ledger.SetFloorAsync(Bank, asset, -1_000_000_000m);
        var result = await ledger.TransferAsync($"fund-{accountId}-{asset}", Bank, accountId, asset, amount);
        Assert.Equal(LedgerOutcome.Applied, result.Outcome);
    }

    public static Fill Fill(string tradeId, decimal price, long quantity, string buyer, string buyerOrder, string seller, string sellerOrder) =>
        new Fill(Instrument, tradeId, CosmosFixture.Start, price, quantity, "CNY", new FillParty(buyer, buyerOrder), new FillParty(seller, sellerOrder)).WithFees(Fees);

    /// <summary>Every recorded entry's postings, summed per asset: zero for each.</summary>
    public static async Task<Dictionary<string, decimal>> SumOfPostingsAsync(CosmosLedger ledger)
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var record in ledger.GetEntriesAsync(new LedgerWindow(CosmosFixture.Start.AddDays(-1), CosmosFixture.Start.AddDays(1))))
        {
            foreach (var posting in record.Entry.Postings)
            {
                sums[posting.Asset] = sums.GetValueOrDefault(posting.Asset) + posting.Amount;
            }
        }

        return sums;
    }

    /// <summary>The accounts' totals (available + held) summed per asset.</summary>
    public static async Task<Dictionary<string, decimal>> SumOfBalancesAsync(CosmosLedger ledger, IEnumerable<string> accountIds)
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var accountId in accountIds)
        {
            foreach (var (asset, balance) in (await ledger.GetAccountAsync(accountId)).Balances)
            {
                sums[asset] = sums.GetValueOrDefault(asset) + balance.Total;
            }
        }

        return sums;
    }
}
