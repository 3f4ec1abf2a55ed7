namespace Bourse.Domain.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("CNY")]
    [InlineData("USD")]
    [InlineData("XAU")]
    public void A_three_capital_letter_code_is_a_currency(string code)
    {
        var money = new Money(1.5m, code);

        Assert.Equal(code, money.Currency);
        Assert.Equal(1.5m, money.Amount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cny")]
    [InlineData("RMB ")]
    [InlineData("US")]
    [InlineData("ＣＮＹ")]
    [InlineData(null)]
    public void Anything_else_is_refused(string? code)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new Money(1m, code!));

        Assert.Contains("ISO 4217", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_in_one_currency_add_exactly()
    {
        Money sum = new Money(0.1m, "CNY").Add(new Money(0.2m, "CNY"));

        Assert.Equal(new Money(0.3m, "CNY"), sum);
        Assert.Equal(0, sum.CompareAmount(new Money(0.30m, "CNY")));
    }

    [Fact]
    public void Amounts_in_different_currencies_never_mix()
    {
        var cny = new Money(1m, "CNY");
        var usd = new Money(1m, "USD");

        Assert.Throws<InvalidOperationException>(() => cny.Add(usd));
        Assert.Throws<InvalidOperationException>(() => cny.CompareAmount(usd));
    }

    [Fact]
    public void Text_is_invariant_with_the_amounts_own_decimals() =>
        Assert.Equal("50000.00 CNY", new Money(50_000.00m, "CNY").ToString());
}
