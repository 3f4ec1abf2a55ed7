using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Rules;
using Bourse.Domain.Tests.Support;

namespace Bourse.Domain.Tests.Risk.Rules;

public sealed class LargeValueRuleTests
{
    private readonly RiskHarness _harness = new();

    private Task<RuleOutcome> RunAsync(RiskSubject subject) => _harness.RunAsync(new LargeValueRule(), subject);

    public static TheoryData<string, decimal, string> Edges { get; } = new()
    {
        // cash, CNY 50,000 (any customer)
        { "cash CNY", 49_999.99m, RiskReasonCodes.AmlBelowThreshold },
        { "cash CNY", 50_000m, RiskReasonCodes.AmlLargeValueSingle },
        { "cash CNY", 50_000.01m, RiskReasonCodes.AmlLargeValueSingle },
        // cash, USD 10,000
        { "cash USD", 9_999.99m, RiskReasonCodes.AmlBelowThreshold },
        { "cash USD", 10_000m, RiskReasonCodes.AmlLargeValueSingle },
        { "cash USD", 10_000.01m, RiskReasonCodes.AmlLargeValueSingle },
        // corporate transfer, CNY 2,000,000
        { "corporate transfer", 1_999_999.99m, RiskReasonCodes.AmlBelowThreshold },
        { "corporate transfer", 2_000_000m, RiskReasonCodes.AmlLargeValueSingle },
        { "corporate transfer", 2_000_000.01m, RiskReasonCodes.AmlLargeValueSingle },
        // individual domestic transfer, CNY 500,000
        { "individual domestic transfer", 499_999.99m, RiskReasonCodes.AmlBelowThreshold },
        { "individual domestic transfer", 500_000m, RiskReasonCodes.AmlLargeValueSingle },
        { "individual domestic transfer", 500_000.01m, RiskReasonCodes.AmlLargeValueSingle },
        // individual cross-border transfer, CNY 200,000
        { "individual cross-border transfer", 199_999.99m, RiskReasonCodes.AmlBelowThreshold },
        { "individual cross-border transfer", 200_000m, RiskReasonCodes.AmlLargeValueSingle },
        { "individual cross-border transfer", 200_000.01m, RiskReasonCodes.AmlLargeValueSingle },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task A_single_transaction_at_or_above_its_threshold_is_flagged(string kind, decimal amount, string reason)
    {
        RiskSubject subject = kind switch
        {
            "cash CNY" => Subjects.Cash(amount),
            "cash USD" => Subjects.Cash(amount, "USD"),
            "corporate transfer" => Subjects.Transfer(amount, CustomerType.Corporate),
            "individual domestic transfer" => Subjects.Transfer(amount),
            "individual cross-border transfer" => Subjects.Transfer(amount, crossBorder: true),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        RuleOutcome outcome = await RunAsync(subject);

        Assert.Equal(reason, outcome.ReasonCode);
        Assert.Equal(reason == RiskReasonCodes.AmlBelowThreshold ? VerdictKind.Pass : VerdictKind.Flag, outcome.Kind);
        Assert.Equal(RiskRuleIds.LargeValue, outcome.RuleId);
        Assert.Equal(subject.Notional.ToString(), outcome.Inputs["amount"]);
    }

    [Fact]
    public async Task The_flag_names_the_threshold_that_was_crossed()
    {
        RuleOutcome outcome = await RunAsync(Subjects.Transfer(250_000m, crossBorder: true));

        Assert.Equal("200000 CNY (Transfer, Individual, cross-border)", outcome.Inputs["threshold"]);
    }

    [Fact]
    public async Task The_threshold_depends_on_the_customer_type()
    {
        Assert.Equal(VerdictKind.Flag, (await RunAsync(Subjects.Transfer(600_000m, CustomerType.Individual))).Kind);
        Assert.Equal(VerdictKind.Pass, (await RunAsync(Subjects.Transfer(600_000m, CustomerType.Corporate))).Kind);
        Assert.Equal(VerdictKind.Flag, (await RunAsync(Subjects.Transfer(250_000m, CustomerType.Individual, crossBorder: true))).Kind);
        Assert.Equal(VerdictKind.Pass, (await RunAsync(Subjects.Transfer(250_000m, CustomerType.Corporate, crossBorder: true))).Kind);
    }

    [Fact]
    public async Task A_currency_without_a_threshold_passes_with_its_own_reason()
    {
        RuleOutcome outcome = await RunAsync(Subjects.Cash(1_000_000m, "EUR"));

        Assert.Equal(VerdictKind.Pass, outcome.Kind);
        Assert.Equal(RiskReasonCodes.AmlNoThreshold, outcome.ReasonCode);
        Assert.Equal("EUR", outcome.Inputs["currency"]);
    }

    [Fact]
    public async Task A_threshold_for_every_channel_governs_securities_orders_too()
    {
        _harness.RuleSet.LargeValue.Thresholds.Add(new() { Currency = "CNY", Amount = 5_000_000m });

        Assert.Equal(RiskReasonCodes.AmlNoThreshold, (await RunAsync(Subjects.LimitOrder(100m, 1_000m, currency: "USD"))).ReasonCode);
        Assert.Equal(RiskReasonCodes.AmlBelowThreshold, (await RunAsync(Subjects.LimitOrder(1_000m, 4_999m))).ReasonCode);
        Assert.Equal(RiskReasonCodes.AmlLargeValueSingle, (await RunAsync(Subjects.LimitOrder(1_000m, 5_000m))).ReasonCode);
        // Cash keeps its more specific threshold.
        Assert.Equal(RiskReasonCodes.AmlLargeValueSingle, (await RunAsync(Subjects.Cash(50_000m))).ReasonCode);
    }

    [Fact]
    public async Task Among_equally_specific_thresholds_the_lowest_governs()
    {
        _harness.RuleSet.LargeValue.Thresholds.Clear();
        _harness.RuleSet.LargeValue.Thresholds.Add(new() { Currency = "CNY", Amount = 300_000m, Channel = TransactionChannel.Transfer });
        _harness.RuleSet.LargeValue.Thresholds.Add(new() { Currency = "CNY", Amount = 100_000m, CrossBorder = true });

        RuleOutcome outcome = await RunAsync(Subjects.Transfer(150_000m, crossBorder: true));

        Assert.Equal(VerdictKind.Flag, outcome.Kind);
        Assert.StartsWith("100000 CNY", outcome.Inputs["threshold"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(29_999.99, RiskReasonCodes.AmlBelowThreshold)]
    [InlineData(30_000, RiskReasonCodes.AmlLargeValueDaily)]
    [InlineData(30_000.01, RiskReasonCodes.AmlLargeValueDaily)]
    public async Task Todays_total_including_this_transaction_at_or_above_the_threshold_is_flagged(double earlier, string reason)
    {
        decimal before = (decimal)earlier;
        _harness.AddPast("T-1", TimeSpan.FromHours(3), 10_000m, TransactionChannel.Cash);
        _harness.AddPast("T-2", TimeSpan.FromHours(1), before - 10_000m, TransactionChannel.Cash);

        RuleOutcome outcome = await RunAsync(Subjects.Cash(20_000m));

        Assert.Equal(reason, outcome.ReasonCode);
        Assert.Equal(new Money(20_000m + before, "CNY").ToString(), outcome.Inputs["dailyTotal"]);
        Assert.Equal("3", outcome.Inputs["dailyCount"]);
        Assert.Equal("2026-03-10", outcome.Inputs["businessDay"]);
        if (reason == RiskReasonCodes.AmlLargeValueDaily)
        {
            Assert.Equal(VerdictKind.Flag, outcome.Kind);
            Assert.Equal("T-1,T-2", outcome.Inputs["dailyTransactions"]);
        }
    }

    [Fact]
    public async Task The_day_is_the_business_day_in_Shanghai()
    {
        // 10:00 in Shanghai on 2026-03-10; the day began at 2026-03-09T16:00Z.
        _harness.AddPastAt("YESTERDAY", RiskHarness.BusinessDayStart - TimeSpan.FromTicks(1), 40_000m, TransactionChannel.Cash);
        RuleOutcome before = await RunAsync(Subjects.Cash(20_000m));
        _harness.AddPastAt("TODAY", RiskHarness.BusinessDayStart, 30_000m, TransactionChannel.Cash);
        RuleOutcome after = await RunAsync(Subjects.Cash(20_000m));

        Assert.Equal(RiskReasonCodes.AmlBelowThreshold, before.ReasonCode);
        Assert.Equal(RiskReasonCodes.AmlLargeValueDaily, after.ReasonCode);
        Assert.Equal("TODAY", after.Inputs["dailyTransactions"]);
    }

    [Fact]
    public async Task Only_transactions_under_the_same_threshold_add_up()
    {
        _harness.AddPast("OTHER-CHANNEL", TimeSpan.FromHours(1), 400_000m, TransactionChannel.Transfer);
        _harness.AddPast("OTHER-CURRENCY", TimeSpan.FromHours(1), 40_000m, TransactionChannel.Cash, currency: "USD");
        _harness.AddPast("SAME", TimeSpan.FromHours(1), 20_000m, TransactionChannel.Cash);

        RuleOutcome outcome = await RunAsync(Subjects.Cash(20_000m));

        Assert.Equal(RiskReasonCodes.AmlBelowThreshold, outcome.ReasonCode);
        Assert.Equal("40000 CNY", outcome.Inputs["dailyTotal"]);
    }

    [Fact]
    public async Task Domestic_and_cross_border_transfers_have_separate_aggregates()
    {
        _harness.AddPast("XB", TimeSpan.FromHours(1), 150_000m, TransactionChannel.Transfer, crossBorder: true);
        _harness.AddPast("DOM", TimeSpan.FromHours(1), 100_000m, TransactionChannel.Transfer);

        RuleOutcome crossBorder = await RunAsync(Subjects.Transfer(60_000m, crossBorder: true));
        RuleOutcome domestic = await RunAsync(Subjects.Transfer(60_000m));

        Assert.Equal(RiskReasonCodes.AmlLargeValueDaily, crossBorder.ReasonCode);
        Assert.Equal("210000 CNY", crossBorder.Inputs["dailyTotal"]);
        Assert.Equal(RiskReasonCodes.AmlBelowThreshold, domestic.ReasonCode);
        Assert.Equal("160000 CNY", domestic.Inputs["dailyTotal"]);
    }

    [Fact]
    public async Task The_transaction_itself_is_not_counted_twice_when_the_history_already_has_it()
    {
        _harness.AddPast("T-100", TimeSpan.Zero, 30_000m, TransactionChannel.Cash); // the subject's own id: a retried evaluation

        RuleOutcome outcome = await RunAsync(Subjects.Cash(30_000m));

        Assert.Equal(RiskReasonCodes.AmlBelowThreshold, outcome.ReasonCode);
        Assert.Equal("30000 CNY", outcome.Inputs["dailyTotal"]);
    }

    [Fact]
    public async Task A_single_transaction_over_the_threshold_needs_no_history()
    {
        await RunAsync(Subjects.Cash(60_000m));

        Assert.Equal(0, _harness.History.Calls);
    }

    [Fact]
    public async Task A_disabled_rule_passes()
    {
        _harness.RuleSet.LargeValue.Enabled = false;

        RuleOutcome outcome = await RunAsync(Subjects.Cash(1_000_000m));

        Assert.Equal(VerdictKind.Pass, outcome.Kind);
        Assert.Equal(RiskReasonCodes.RuleDisabled, outcome.ReasonCode);
    }
}
