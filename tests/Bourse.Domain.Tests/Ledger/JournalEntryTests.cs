using Bourse.Domain.Ledger;

namespace Bourse.Domain.Tests.Ledger;

public sealed class JournalEntryTests
{
    [Fact]
    public void A_balanced_entry_is_accepted_and_orders_debited_accounts_first()
    {
        var entry = new JournalEntry("transfer:1", JournalEntryKind.Transfer,
        [
            Posting.Available("a-zed", "CNY", 10m),
            Posting.Available("b-payer", "CNY", -10m),
            Posting.Available("a-payer", "XSHG:600000", -3m),
            Posting.Available("c-zed", "XSHG:600000", 3m),
        ]);

        Assert.Equal(["a-payer", "b-payer", "a-zed", "c-zed"], entry.Accounts);
        Assert.Equal(4, entry.Postings.Count);
    }

    [Fact]
    public void Postings_that_do_not_sum_to_zero_per_asset_are_refused_at_construction()
    {
        var error = Assert.Throws<ArgumentException>(() => new JournalEntry("x", JournalEntryKind.Transfer,
        [
            Posting.Available("a", "CNY", -10m),
            Posting.Available("b", "CNY", 9.99m),
        ]));
        Assert.Contains("CNY", error.Message, StringComparison.Ordinal);
        Assert.Contains("-0.01", error.Message, StringComparison.Ordinal);

        // Balanced in total but not per asset.
        Assert.Throws<ArgumentException>(() => new JournalEntry("x", JournalEntryKind.Transfer,
        [
            Posting.Available("a", "CNY", -10m),
            Posting.Available("b", "USD", 10m),
        ]));
    }

    [Fact]
    public void Malformed_postings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new JournalEntry("x", JournalEntryKind.Transfer, [Posting.Available("a", "CNY", 0m)]));
        Assert.Throws<ArgumentException>(() => new JournalEntry("x", JournalEntryKind.Transfer, [new Posting("a", "CNY", 1m, LedgerBucket.Held), Posting.Available("b", "CNY", -1m)]));
        Assert.Throws<ArgumentException>(() => new JournalEntry("x", JournalEntryKind.Transfer, [new Posting("a", "CNY", 1m, LedgerBucket.Available, "o-1"), Posting.Available("b", "CNY", -1m)]));
        Assert.Throws<ArgumentException>(() => new JournalEntry("x", JournalEntryKind.Transfer, [Posting.Available(" ", "CNY", 1m), Posting.Available("b", "CNY", -1m)]));
        Assert.Throws<ArgumentException>(() => new JournalEntry("", JournalEntryKind.Transfer, []));
    }

    [Fact]
    public void An_empty_entry_is_balanced()
    {
        var entry = new JournalEntry("release:o-1", JournalEntryKind.Release, []);
        Assert.Empty(entry.Accounts);
    }

    [Fact]
    public void Entry_ids_are_deterministic_and_refuse_characters_Cosmos_ids_cannot_hold()
    {
        Assert.Equal("fill:XSHG:600000:t-42", EntryIds.Fill("XSHG:600000", "t-42"));
        Assert.Equal("hold:o-1", EntryIds.Hold("o-1"));
        Assert.Equal("release:o-1", EntryIds.Release("o-1"));
        Assert.Throws<ArgumentException>(() => EntryIds.Hold("a/b"));
        Assert.Throws<ArgumentException>(() => EntryIds.Fill("XSHG:600000", "t#1"));
        Assert.Throws<ArgumentException>(() => EntryIds.Hold(" "));
    }

    [Fact]
    public void A_fill_moves_cash_securities_and_fees_and_balances_per_asset()
    {
        var fill = new Fill("XSHG:600000", "t-1", new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero), 10.25m, 300, "CNY",
            new FillParty("buyer", "ob"), new FillParty("seller", "os"), BuyerFee: 0.92m, SellerFee: 3.99m);

        var entry = LedgerEntries.Fill(fill, "fees");

        Assert.Equal("fill:XSHG:600000:t-1", entry.Id);
        Assert.Equal(
        [
            Posting.Held("buyer", "CNY", -3075.92m, "ob"),
            Posting.Available("seller", "CNY", 3071.01m),
            Posting.Held("seller", "XSHG:600000", -300m, "os"),
            Posting.Available("buyer", "XSHG:600000", 300m),
            Posting.Available("fees", "CNY", 4.91m),
        ], entry.Postings);
        Assert.Equal(["buyer", "seller", "fees"], entry.Accounts);
    }

    [Fact]
    public void A_fill_with_no_fees_has_no_fee_posting_and_bad_fills_are_refused()
    {
        var fill = new Fill("XSHG:600000", "t-1", default, 10m, 1, "CNY", new FillParty("b", "ob"), new FillParty("s", "os"));
        Assert.DoesNotContain(LedgerEntries.Fill(fill, "fees").Postings, p => p.AccountId == "fees");

        Assert.Throws<ArgumentException>(() => LedgerEntries.Fill(fill with { Quantity = 0 }, "fees"));
        Assert.Throws<ArgumentException>(() => LedgerEntries.Fill(fill with { Price = -1m }, "fees"));
        Assert.Throws<ArgumentException>(() => LedgerEntries.Fill(fill with { BuyerFee = -0.01m }, "fees"));
        Assert.Throws<ArgumentException>(() => LedgerEntries.Fill(fill with { SellerFee = 10.01m }, "fees"));
        Assert.Throws<ArgumentException>(() => LedgerEntries.Fill(fill with { Currency = "cny" }, "fees"));
        Assert.Throws<ArgumentException>(() => LedgerEntries.Fill(fill with { Buyer = new FillParty("b", "") }, "fees"));
    }

    [Fact]
    public void Hold_and_release_entries_move_between_buckets_of_one_account()
    {
        var hold = LedgerEntries.Hold("o-1", "acc", "CNY", 100m);
        Assert.Equal([Posting.Available("acc", "CNY", -100m), Posting.Held("acc", "CNY", 100m, "o-1")], hold.Postings);

        Assert.Empty(LedgerEntries.Release("o-1", "acc", "CNY", 0m).Postings);
        Assert.Equal([Posting.Held("acc", "CNY", -40m, "o-1"), Posting.Available("acc", "CNY", 40m)], LedgerEntries.Release("o-1", "acc", "CNY", 40m).Postings);
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerEntries.Hold("o-1", "acc", "CNY", 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerEntries.Release("o-1", "acc", "CNY", -1m));
    }
}
