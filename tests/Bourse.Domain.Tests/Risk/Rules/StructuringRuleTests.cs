using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Rules;
using Bourse.Domain.Tests.Support;

namespace Bourse.Domain.Tests.Risk.Rules;

/// <summary>Cash in CNY: threshold 50,000, so with the default 10% band "just below" is [45,000, 50,000).</summary>
public sealed class StructuringRuleTests
{
    private readonly RiskHarness _harness = new();

    private Task<RuleOutcome> RunAsync(RiskSubject subject) => _harness.RunAsync(new StructuringRule(), subject);

    [Fact]
    public async Task Three_transactions_just_below_the_threshold_within_24_hours_are_flagged()
    {
        _harness.AddPast("T-1", TimeSpan.FromHours(20), 49_000m, TransactionChannel.Cash);
        _harness.AddPast("T-2", TimeSpan.FromHours(2), 48_500m, TransactionChannel.Cash);

        RuleOutcome outcome = await RunAsync(Subjects.Cash(49_900m));

        Assert.Equal(VerdictKind.Flag, outcome.Kind);
        Assert.Equal(RiskReasonCodes.StructuringSuspected, outcome.ReasonCode);
        Assert.Equal("3", outcome.Inputs["count"]);
        Assert.Equal("T-1,T-2", outcome.Inputs["transactions"]);
        Assert.Equal("50000 CNY (Cash, any customer, domestic or cross-border)", outcome.Inputs["threshold"]);
    }

    [Fact]
    public async Task Two_are_not_enough()
    {
        _harness.AddPast("T-1", TimeSpan.FromHours(2), 49_000m, TransactionChannel.Cash);

        RuleOutcome outcome = await RunAsync(Subjects.Cash(49_900m));

        Assert.Equal(VerdictKind.Pass, outcome.Kind);
        Assert.Equal(RiskReasonCodes.StructuringNotDetected, outcome.ReasonCode);
        Assert.Equal("2", outcome.Inputs["count"]);
    }

    [Theory]
    [InlineData(45_000, true)] // the band's lower edge is inside
    [InlineData(44_999.99, false)]
    [InlineData(49_999.99, true)]
    [InlineData(50_000, false)] // at the threshold it is a large-value transaction, not structuring
    public async Task The_band_is_from_ninety_percent_of_the_threshold_up_to_just_below_it(double amount, bool counts)
    {
        _harness.AddPast("T-1", TimeSpan.FromHours(5), (decimal)amount, TransactionChannel.Cash);
        _harness.AddPast("T-2", TimeSpan.FromHours(4), 47_000m, TransactionChannel.Cash);
        _harness.AddPast("T-3", TimeSpan.FromHours(3), 47_000m, TransactionChannel.Cash);

        // In the history: with T-2, T-3 and a subject of 47,000 it makes the third or the fourth.
        _harness.RuleSet.Structuring.MinCount = 4;
        RuleOutcome fromHistory = await RunAsync(Subjects.Cash(47_000m));
        // As the subject: T-2 and T-3 are two more.
        _harness.RuleSet.Structuring.MinCount = 3;
        RuleOutcome asSubject = await RunAsync(Subjects.Cash((decimal)amount) with { OrderId = "T-1" });

        Assert.Equal(counts ? VerdictKind.Flag : VerdictKind.Pass, fromHistory.Kind);
        Assert.Equal(counts ? VerdictKind.Flag : VerdictKind.Pass, asSubject.Kind);
    }

    [Fact]
    public async Task The_window_excludes_a_transaction_exactly_24_hours_old()
    {
        _harness.AddPast("T-1", TimeSpan.FromHours(1), 48_000m, TransactionChannel.Cash);
        _harness.AddPast("OLD", TimeSpan.FromHours(24), 48_000m, TransactionChannel.Cash);
        RuleOutcome atEdge = await RunAsync(Subjects.Cash(48_000m));

        _harness.AddPast("INSIDE", TimeSpan.FromHours(24) - TimeSpan.FromTicks(1), 48_000m, TransactionChannel.Cash);
        RuleOutcome inside = await RunAsync(Subjects.Cash(48_000m));

        Assert.Equal(VerdictKind.Pass, atEdge.Kind);
        Assert.Equal(VerdictKind.Flag, inside.Kind);
        Assert.Equal("T-1,INSIDE", inside.Inputs["transactions"]);
    }

    [Fact]
    public async Task The_window_reaches_into_the_previous_business_day()
    {
        // 10:00 in Shanghai: 20 hours ago is yesterday, but within the 24-hour window.
        _harness.AddPast("T-1", TimeSpan.FromHours(20), 48_000m, TransactionChannel.Cash);
        _harness.AddPast("T-2", TimeSpan.FromHours(19), 48_000m, TransactionChannel.Cash);

        RuleOutcome outcome = await RunAsync(Subjects.Cash(48_000m));

        Assert.Equal(VerdictKind.Flag, outcome.Kind);
        Assert.Equal(RiskHarness.Start - TimeSpan.FromHours(24), _harness.History.LastSince);
    }

    [Fact]
    public async Task A_transaction_that_is_not_itself_just_below_passes_whatever_came_before()
    {
        for (int i = 0; i < 5; i++)
        {
            _harness.AddPast($"T-{i}", TimeSpan.FromHours(i + 1), 49_000m, TransactionChannel.Cash);
        }

        RuleOutcome outcome = await RunAsync(Subjects.Cash(20_000m));

        Assert.Equal(VerdictKind.Pass, outcome.Kind);
        Assert.Equal(0, _harness.History.Calls);
    }

    [Fact]
    public async Task Each_transaction_is_judged_against_its_own_threshold()
    {
        // Just below 500,000 (domestic individual transfer) and just below 50,000 (cash) both count; 480,000 of cash does not.
        _harness.AddPast("TRANSFER", TimeSpan.FromHours(3), 480_000m, TransactionChannel.Transfer);
        _harness.AddPast("CASH", TimeSpan.FromHours(2), 48_000m, TransactionChannel.Cash);
        _harness.AddPast("BIG-CASH", TimeSpan.FromHours(1), 480_000m, TransactionChannel.Cash);

        RuleOutcome outcome = await RunAsync(Subjects.Cash(49_000m));

        Assert.Equal(VerdictKind.Flag, outcome.Kind);
        Assert.Equal("TRANSFER,CASH", outcome.Inputs["transactions"]);
    }

    [Fact]
    public async Task Band_count_and_window_are_configurable()
    {
        _harness.RuleSet.Structuring.BandPercent = 2m;
        _harness.RuleSet.Structuring.MinCount = 2;
        _harness.RuleSet.Structuring.Window = TimeSpan.FromHours(1);
        _harness.AddPast("TOO-LOW", TimeSpan.FromMinutes(20), 48_999.99m, TransactionChannel.Cash);
        _harness.AddPast("TOO-OLD", TimeSpan.FromMinutes(61), 49_500m, TransactionChannel.Cash);
        RuleOutcome before = await RunAsync(Subjects.Cash(49_100m));
        _harness.AddPast("IN-BAND", TimeSpan.FromMinutes(30), 49_000m, TransactionChannel.Cash);
        RuleOutcome after = await RunAsync(Subjects.Cash(49_100m));

        Assert.Equal(VerdictKind.Pass, before.Kind);
        Assert.Equal(VerdictKind.Flag, after.Kind);
        Assert.Equal("IN-BAND", after.Inputs["transactions"]);
    }

    [Fact]
    public async Task A_disabled_rule_passes()
    {
        _harness.RuleSet.Structuring.Enabled = false;

        Assert.Equal(RiskReasonCodes.RuleDisabled, (await RunAsync(Subjects.Cash(49_000m))).ReasonCode);
    }
}
