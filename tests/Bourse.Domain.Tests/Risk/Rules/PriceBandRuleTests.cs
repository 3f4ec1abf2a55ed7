using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Ports;
using Bourse.Domain.Risk.Rules;
using Bourse.Domain.Tests.Support;

namespace Bourse.Domain.Tests.Risk.Rules;

/// <summary>Reference price 100.00 CNY, band ±10%: 90.00 to 110.00, edges included.</summary>
public sealed class PriceBandRuleTests
{
    private readonly RiskHarness _harness = new();

    public PriceBandRuleTests() =>
        _harness.ReferencePrices.Set("600519", new ReferencePrice(new Money(100.00m, "CNY"), RiskHarness.BusinessDayStart));

    private Task<RuleOutcome> RunAsync(RiskSubject subject) => _harness.RunAsync(new PriceBandRule(_harness.ReferencePrices), subject);

    [Theory]
    [InlineData(100.00, RiskReasonCodes.PriceWithinBand)]
    [InlineData(110.00, RiskReasonCodes.PriceWithinBand)]
    [InlineData(90.00, RiskReasonCodes.PriceWithinBand)]
    [InlineData(110.01, RiskReasonCodes.PriceOutsideBand)]
    [InlineData(89.99, RiskReasonCodes.PriceOutsideBand)]
    [InlineData(1_000.00, RiskReasonCodes.PriceOutsideBand)]
    public async Task A_limit_price_outside_the_band_is_rejected(double price, string reason)
    {
        RuleOutcome outcome = await RunAsync(Subjects.LimitOrder((decimal)price));

        Assert.Equal(reason, outcome.ReasonCode);
        Assert.Equal(reason == RiskReasonCodes.PriceWithinBand ? VerdictKind.Pass : VerdictKind.Reject, outcome.Kind);
        Assert.Equal("100.00 CNY", outcome.Inputs["referencePrice"]);
        Assert.Equal("90.000..110.000", outcome.Inputs["band"]);
    }

    [Theory]
    [InlineData(105.00, VerdictKind.Pass)]
    [InlineData(105.01, VerdictKind.Reject)]
    [InlineData(94.99, VerdictKind.Reject)]
    public async Task An_instrument_can_have_a_band_of_its_own(double price, VerdictKind kind)
    {
        _harness.RuleSet.PriceBand.InstrumentMaxDeviationPercent["600519"] = 5m;

        RuleOutcome outcome = await RunAsync(Subjects.LimitOrder((decimal)price));

        Assert.Equal(kind, outcome.Kind);
        Assert.Equal("5", outcome.Inputs["maxDeviationPercent"]);
    }

    [Fact]
    public async Task A_market_order_is_not_checked()
    {
        RuleOutcome outcome = await RunAsync(Subjects.MarketOrder(1_000_000m) with { InstrumentId = "NO-REFERENCE" });

        Assert.Equal(VerdictKind.Pass, outcome.Kind);
        Assert.Equal(RiskReasonCodes.PriceMarketOrder, outcome.ReasonCode);
    }

    [Fact]
    public async Task An_instrument_without_a_reference_price_is_rejected()
    {
        RuleOutcome outcome = await RunAsync(Subjects.LimitOrder(10m, instrument: "000001"));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal(RiskReasonCodes.PriceNoReference, outcome.ReasonCode);
    }

    [Fact]
    public async Task A_reference_price_of_zero_is_no_reference()
    {
        _harness.ReferencePrices.Set("000001", new ReferencePrice(new Money(0m, "CNY"), RiskHarness.BusinessDayStart));

        Assert.Equal(RiskReasonCodes.PriceNoReference, (await RunAsync(Subjects.LimitOrder(10m, instrument: "000001"))).ReasonCode);
    }

    [Fact]
    public async Task A_reference_price_in_another_currency_is_rejected()
    {
        RuleOutcome outcome = await RunAsync(Subjects.LimitOrder(100m, currency: "HKD"));

        Assert.Equal(VerdictKind.Reject, outcome.Kind);
        Assert.Equal(RiskReasonCodes.PriceCurrencyMismatch, outcome.ReasonCode);
    }

    [Fact]
    public async Task Transfers_are_not_judged()
    {
        RuleOutcome outcome = await RunAsync(Subjects.Transfer(1_000m));

        Assert.Equal(RiskReasonCodes.NotApplicable, outcome.ReasonCode);
    }

    [Fact]
    public async Task A_disabled_rule_passes()
    {
        _harness.RuleSet.PriceBand.Enabled = false;

        Assert.Equal(RiskReasonCodes.RuleDisabled, (await RunAsync(Subjects.LimitOrder(1_000m))).ReasonCode);
    }
}
