using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Ports;
using Bourse.Domain.Risk.Rules;
using Bourse.Domain.Tests.Support;

namespace Bourse.Domain.Tests.Risk.Rules;

/// <summary>Default limits: CNY 10,000,000, USD 1,000,000.</summary>
public sealed class DailyNotionalLimitRuleTests
{
    private readonly RiskHarness _harness = new();

    private Task<RuleOutcome> RunAsync(RiskSubject subject) => _harness.RunAsync(new DailyNotionalLimitRule(_harness.Exposures), subject);

    private void Exposure(decimal executed, decimal pending, string currency = "CNY") =>
        _harness.Exposures.Set(Subjects.Account, new AccountExposure(new Money(executed, currency), new Money(pending, currency)));

    [Theory]
    [InlineData(99.99, RiskReasonCodes.LimitWithin)]
    [InlineData(100.00, RiskReasonCodes.LimitWithin)] // reaching the limit exactly is allowed
    [InlineData(100.01, RiskReasonCodes.LimitDailyNotionalExceeded)]
    public async Task Executed_plus_pending_plus_the_order_above_the_limit_is_rejected(double price, string reason)
    {
        Exposure(executed: 6_000_000m, pending: 3_990_000m);

        RuleOutcome outcome = await RunAsync(Subjects.LimitOrder((decimal)price, quantity: 100m));

        Assert.Equal(reason, outcome.ReasonCode);
        Assert.Equal(reason == RiskReasonCodes.LimitWithin ? VerdictKind.Pass : VerdictKind.Reject, outcome.Kind);
        Assert.Equal("10000000 CNY", outcome.Inputs["limit"]);
        Assert.Equal("6000000 CNY", outcome.Inputs["executed"]);
        Assert.Equal("3990000 CNY", outcome.Inputs["pending"]);
        Assert.Equal(new Money(9_990_000m + ((decimal)price * 100m), "CNY").ToString(), outcome.Inputs["total"]);
    }

    [Fact]
    public async Task The_exposure_is_asked_for_the_business_day_without_the_order_itself()
    {
        await RunAsync(Subjects.LimitOrder(10m));

        Assert.Equal((Subjects.Account, new DateOnly(2026, 3, 10), "CNY", "O-100"), _harness.Exposures.LastQuery);
    }

    [Fact]
    public async Task An_account_limit_overrides_the_default()
    {
        _harness.RuleSet.DailyNotionalLimit.AccountLimits[Subjects.Account] = new Dictionary<string, decimal> { ["CNY"] = 50_000m };

        RuleOutcome within = await RunAsync(Subjects.LimitOrder(500m, 100m));
        RuleOutcome over = await RunAsync(Subjects.LimitOrder(500.01m, 100m));
        RuleOutcome otherAccount = await RunAsync(Subjects.LimitOrder(500.01m, 100m) with { AccountId = "A-2" });

        Assert.Equal(VerdictKind.Pass, within.Kind);
        Assert.Equal("AccountLimits", within.Inputs["limitSource"]);
        Assert.Equal(VerdictKind.Reject, over.Kind);
        Assert.Equal(VerdictKind.Pass, otherAccount.Kind);
        Assert.Equal("Limits", otherAccount.Inputs["limitSource"]);
    }

    [Fact]
    public async Task Limits_are_per_currency()
    {
        Exposure(executed: 999_000m, pending: 0m, currency: "USD");

        Assert.Equal(VerdictKind.Reject, (await RunAsync(Subjects.LimitOrder(10.01m, 100m, currency: "USD"))).Kind);
        Assert.Equal(VerdictKind.Pass, (await RunAsync(Subjects.LimitOrder(10.01m, 100m, currency: "CNY"))).Kind);
    }

    [Fact]
    public async Task A_currency_without_a_limit_is_rejected()
    {
        RuleOutcome outcome = await RunAsync(Subjects.LimitOrder(10m, currency: "HKD"));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal(RiskReasonCodes.LimitNotConfigured, outcome.ReasonCode);
    }

    [Fact]
    public async Task An_exposure_in_another_currency_is_rejected()
    {
        _harness.Exposures.SetRaw(Subjects.Account, "CNY", new AccountExposure(new Money(1m, "USD"), new Money(0m, "USD")));

        RuleOutcome outcome = await RunAsync(Subjects.LimitOrder(10m));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal(RiskReasonCodes.LimitCurrencyMismatch, outcome.ReasonCode);
    }

    [Fact]
    public async Task Market_orders_count_with_their_estimated_notional()
    {
        Exposure(executed: 9_999_000m, pending: 0m);

        Assert.Equal(VerdictKind.Reject, (await RunAsync(Subjects.MarketOrder(1_000.01m))).Kind);
    }

    [Theory]
    [InlineData(TransactionChannel.Cash)]
    [InlineData(TransactionChannel.Transfer)]
    public async Task Other_channels_are_not_judged(TransactionChannel channel)
    {
        RuleOutcome outcome = await RunAsync(Subjects.Cash(1_000_000_000m) with { Channel = channel });

        Assert.Equal(VerdictKind.Pass, outcome.Kind);
        Assert.Equal(RiskReasonCodes.NotApplicable, outcome.ReasonCode);
    }

    [Fact]
    public async Task A_disabled_rule_passes()
    {
        _harness.RuleSet.DailyNotionalLimit.Enabled = false;

        Assert.Equal(RiskReasonCodes.RuleDisabled, (await RunAsync(Subjects.LimitOrder(10m, currency: "HKD"))).ReasonCode);
    }
}
