namespace Bourse.BackOfficeApi.Tests;

public sealed class OrderIdsTests
{
    [Fact]
    public void The_same_account_and_client_order_id_always_give_the_same_id()
    {
        Assert.Equal(OrderIds.Derive("1001", "c-1"), OrderIds.Derive("1001", "c-1"));
        // Pinned: a change of the derivation would orphan every running saga's retries.
        Assert.Equal("ord-", OrderIds.Derive("1001", "c-1")[..4]);
        Assert.Equal(36, OrderIds.Derive("1001", "c-1").Length);
    }

    [Theory]
    [InlineData("1001", "c-1", "1002", "c-1")]
    [InlineData("1001", "c-1", "1001", "c-2")]
    [InlineData("1", "23", "12", "3")]
    [InlineData("1|", "x", "1", "|x")]
    public void Different_pairs_give_different_ids(string account1, string client1, string account2, string client2) =>
        Assert.NotEqual(OrderIds.Derive(account1, client1), OrderIds.Derive(account2, client2));

    [Fact]
    public void The_id_holds_only_characters_safe_in_urls_and_cosmos_ids() =>
        Assert.Matches("^ord-[0-9a-f]{32}$", OrderIds.Derive("acct/1?#", "client\\order"));
}
