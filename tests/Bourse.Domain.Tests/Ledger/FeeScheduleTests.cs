using Bourse.Domain.Ledger;

namespace Bourse.Domain.Tests.Ledger;

public sealed class FeeScheduleTests
{
    [Fact]
    public void Defaults_charge_nothing_in_two_decimals()
    {
        var schedule = new FeeSchedule();
        Assert.Equal((0m, 0m, 0m, 2), (schedule.BuyerRate, schedule.SellerRate, schedule.Minimum, schedule.Decimals));
        Assert.Equal(0m, schedule.BuyerFee(1_000_000m));
        Assert.Equal(0m, FeeSchedule.None.SellerFee(1m));
    }

    [Theory]
    [InlineData(3075, 0.0003, 0, 0.92)] // 0.9225 rounds down
    [InlineData(3075, 0.0013, 0, 4.00)] // 3.9975 rounds up
    [InlineData(50, 0.0003, 0, 0.02)] // 0.015: half away from zero
    [InlineData(10, 0.0003, 5, 5)] // the minimum
    [InlineData(0, 0.0003, 5, 0)] // nothing traded, nothing charged
    public void A_fee_is_the_rate_of_the_notional_rounded_half_away_from_zero_with_a_minimum(decimal notional, decimal rate, decimal minimum, decimal expected)
    {
        var schedule = new FeeSchedule { BuyerRate = rate, SellerRate = rate, Minimum = minimum };
        Assert.Equal(expected, schedule.BuyerFee(notional));
        Assert.Equal(expected, schedule.SellerFee(notional));
    }

    [Fact]
    public void Buyer_and_seller_rates_are_separate_and_a_fill_takes_both()
    {
        var schedule = new FeeSchedule { BuyerRate = 0.0003m, SellerRate = 0.0013m };
        var fill = new Fill("XSHG:600000", "t-1", default, 10.25m, 300, "CNY", new FillParty("b", "ob"), new FillParty("s", "os")).WithFees(schedule);
        Assert.Equal((0.92m, 4.00m), (fill.BuyerFee, fill.SellerFee));
    }

    [Fact]
    public void A_negative_rate_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => new FeeSchedule { BuyerRate = -0.1m }.BuyerFee(10m));
        Assert.Throws<InvalidOperationException>(() => new FeeSchedule { Decimals = 9, SellerRate = 0.1m }.SellerFee(10m));
    }
}
