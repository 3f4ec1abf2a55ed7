using Bourse.Domain.Ledger;

namespace Bourse.Domain.Tests.Ledger;

public sealed class AccountStateTests
{
    private static AccountState Funded(string account, string asset, decimal available) =>
        new(account, new Dictionary<string, AssetBalance> { [asset] = new(available, 0m) });

    [Fact]
    public void A_hold_moves_available_to_held_and_a_fill_takes_it_from_the_hold_first()
    {
        var account = Funded("b", "CNY", 1000m).Apply(LedgerEntries.Hold("ob", "b", "CNY", 600m)).State;
        Assert.Equal(new AssetBalance(400m, 600m), account.BalanceOf("CNY"));
        Assert.Equal(new OrderHold("CNY", 600m), account.Holds["ob"]);

        var fill = new Fill("X", "t-1", default, 10m, 50, "CNY", new FillParty("b", "ob"), new FillParty("s", "os"), BuyerFee: 1m);
        account = account.Apply(LedgerEntries.Fill(fill, "fees")).State;

        Assert.Equal(new AssetBalance(400m, 99m), account.BalanceOf("CNY"));
        Assert.Equal(new AssetBalance(50m, 0m), account.BalanceOf("X"));
        Assert.Equal(99m, account.Holds["ob"].Amount);

        account = account.Apply(LedgerEntries.Release("ob", "b", "CNY", 99m)).State;
        Assert.Equal(new AssetBalance(499m, 0m), account.BalanceOf("CNY"));
        Assert.Empty(account.Holds);
    }

    [Fact]
    public void A_debit_beyond_the_hold_takes_the_rest_from_available()
    {
        var account = Funded("b", "CNY", 1000m).Apply(LedgerEntries.Hold("ob", "b", "CNY", 100m)).State;
        var fill = new Fill("X", "t-1", default, 15m, 10, "CNY", new FillParty("b", "ob"), new FillParty("s", "os"));

        account = account.Apply(LedgerEntries.Fill(fill, "fees")).State;

        Assert.Equal(new AssetBalance(850m, 0m), account.BalanceOf("CNY"));
        Assert.Empty(account.Holds);
    }

    [Fact]
    public void Below_the_floor_is_refused_and_the_state_is_unchanged()
    {
        var account = Funded("b", "CNY", 100m);
        var application = account.Apply(LedgerEntries.Hold("ob", "b", "CNY", 100.01m));

        Assert.True(application.IsRefused);
        Assert.Equal(LedgerRefusalCode.BelowFloor, application.Refusal!.Code);
        Assert.Equal(("b", "CNY"), (application.Refusal.AccountId, application.Refusal.Asset));
        Assert.Same(account, application.State);
    }

    [Fact]
    public void A_direct_fill_is_applied_below_the_floor_because_the_trade_has_happened_and_the_same_postings_as_a_fill_are_refused()
    {
        var account = Funded("b", "CNY", 100m);
        Posting[] postings = [Posting.Available("b", "CNY", -150m), Posting.Available("ccp", "CNY", 150m), Posting.Available("ccp", "X", -1m), Posting.Available("b", "X", 1m)];

        var direct = account.Apply(new JournalEntry("fill:X:1:buy", JournalEntryKind.DirectFill, postings));
        var saga = account.Apply(new JournalEntry("fill:X:1:buy", JournalEntryKind.Fill, postings));

        Assert.False(direct.IsRefused);
        Assert.Equal((-50m, 1m), (direct.State.BalanceOf("CNY").Available, direct.State.BalanceOf("X").Available));
        Assert.Equal(LedgerRefusalCode.BelowFloor, saga.Refusal?.Code);
    }

    [Fact]
    public void A_configured_floor_allows_a_credit_line_and_a_raised_floor_still_allows_credits()
    {
        var account = Funded("b", "CNY", 100m).WithFloor("CNY", -50m);
        Assert.False(account.Apply(LedgerEntries.Transfer("t", "b", "c", "CNY", 150m)).IsRefused);
        Assert.True(account.Apply(LedgerEntries.Transfer("t", "b", "c", "CNY", 150.01m)).IsRefused);

        var raised = Funded("b", "CNY", 100m).WithFloor("CNY", 500m);
        Assert.False(raised.Apply(LedgerEntries.Transfer("t", "a", "b", "CNY", 1m)).IsRefused);
        Assert.True(raised.Apply(LedgerEntries.Transfer("t", "b", "a", "CNY", 1m)).IsRefused);
    }

    [Fact]
    public void A_release_of_more_than_is_left_releases_only_what_is_left()
    {
        var account = Funded("b", "CNY", 100m).Apply(LedgerEntries.Hold("ob", "b", "CNY", 60m)).State;
        account = account.Apply(LedgerEntries.Release("ob", "b", "CNY", 80m)).State;
        Assert.Equal(new AssetBalance(100m, 0m), account.BalanceOf("CNY"));
    }

    [Fact]
    public void A_hold_in_another_asset_for_the_same_order_is_refused()
    {
        var account = Funded("b", "CNY", 100m).Apply(LedgerEntries.Hold("o", "b", "CNY", 60m)).State;
        var other = new JournalEntry("x", JournalEntryKind.Hold, [Posting.Available("b", "USD", -1m), Posting.Held("b", "USD", 1m, "o")]);
        Assert.Equal(LedgerRefusalCode.HoldAssetMismatch, account.Apply(other).Refusal?.Code);
    }
}
