using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain;
using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Ports;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bourse.Adapters.Tests.Cosmos;

/// <summary>The real <see cref="RiskEvaluator"/> with its ports on the Cosmos DB adapters, registered as a host would.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosRiskSourcesTests(CosmosFixture cosmos)
{
    private static readonly DateTimeOffset Morning = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Registration_creates_the_containers_and_every_port_is_the_one_adapter()
    {
        await using var provider = await BuildAsync(new FakeTimeProvider(Morning));

        Assert.Same(provider.GetRequiredService<CosmosReferenceData>(), provider.GetRequiredService<IReferenceData>());
        Assert.Same(provider.GetRequiredService<CosmosReferenceData>(), provider.GetRequiredService<IReferencePriceSource>());
        var activity = provider.GetRequiredService<CosmosOrderActivity>();
        Assert.Same(activity, provider.GetRequiredService<IOrderActivityLog>());
        Assert.Same(activity, provider.GetRequiredService<ICustomerTransactionHistory>());
        Assert.Same(activity, provider.GetRequiredService<IAccountExposureSource>());
        await provider.EnsureBourseCosmosContainersAsync(); // a second time: nothing to do
        Assert.Null(await provider.GetRequiredService<IReferenceData>().GetAccountAsync("A-404"));
    }

    [Fact]
    public async Task Three_cny_orders_each_below_the_threshold_are_flagged_by_the_daily_aggregate_read_from_cosmos()
    {
        var clock = new FakeTimeProvider(Morning.AddMinutes(30));
        await using var provider = await BuildAsync(clock);
        var reference = provider.GetRequiredService<CosmosReferenceData>();
        await reference.UpsertInstrumentAsync(new InstrumentInfo(600519, "CNY", 0.01m, 100, true));
        await reference.SetReferencePriceAsync(600519, new ReferencePrice(new Money(100m, "CNY"), Morning.AddHours(-18)));
        await reference.UpsertAccountAsync(new AccountInfo("A-1", AccountStatus.Active, "C-1", CustomerType.Individual, "Li Na", "CN"));
        var log = provider.GetRequiredService<IOrderActivityLog>();
        // Two earlier orders of the day as the saga leaves them: one still open, one filled for a little less.
        await log.RecordPendingAsync(new PendingOrderActivity("o-1", "A-1", "C-1", new Money(20_000m, "CNY"), Morning, new DateOnly(2026, 3, 2)));
        await log.RecordPendingAsync(new PendingOrderActivity("o-2", "A-1", "C-1", new Money(20_000m, "CNY"), Morning.AddMinutes(5), new DateOnly(2026, 3, 2)));
        await log.RecordOutcomeAsync(new OrderActivityOutcome("o-2", "A-1", OrderActivityStatus.Executed, 19_990m, Morning.AddMinutes(6)));
        // Yesterday's order and a cancelled one do not count.
        await log.RecordPendingAsync(new PendingOrderActivity("o-0", "A-1", "C-1", new Money(40_000m, "CNY"), Morning.AddDays(-1), new DateOnly(2026, 3, 1)));
        await log.RecordPendingAsync(new PendingOrderActivity("o-x", "A-1", "C-1", new Money(40_000m, "CNY"), Morning.AddMinutes(7), new DateOnly(2026, 3, 2)));
        await log.RecordOutcomeAsync(new OrderActivityOutcome("o-x", "A-1", OrderActivityStatus.Cancelled, 0m, Morning.AddMinutes(8)));

        RiskDecision decision = await provider.GetRequiredService<RiskEvaluator>().EvaluateAsync(Subject("o-3", 100.00m, 200));

        Assert.Equal(VerdictKind.Flag, decision.Outcome);
        RuleOutcome largeValue = decision.Rules.Single(r => r.RuleId == RiskRuleIds.LargeValue);
        Assert.Equal(RiskReasonCodes.AmlLargeValueDaily, largeValue.ReasonCode);
        Assert.Equal(("59990.00 CNY", "3", "o-1,o-2"), (largeValue.Inputs["dailyTotal"], largeValue.Inputs["dailyCount"], largeValue.Inputs["dailyTransactions"]));
        RuleOutcome limit = decision.Rules.Single(r => r.RuleId == RiskRuleIds.DailyNotionalLimit);
        Assert.Equal((VerdictKind.Pass, "19990 CNY", "20000 CNY"), (limit.Kind, limit.Inputs["executed"], limit.Inputs["pending"]));
        RuleOutcome band = decision.Rules.Single(r => r.RuleId == RiskRuleIds.PriceBand);
        Assert.Equal((RiskReasonCodes.PriceWithinBand, "100 CNY"), (band.ReasonCode, band.Inputs["referencePrice"]));

        // The same order alone, for a customer without history: below the threshold, no flag.
        await reference.UpsertAccountAsync(new AccountInfo("A-2", AccountStatus.Active, "C-2", CustomerType.Individual, "Wang Fang", "CN"));
        RiskDecision alone = await provider.GetRequiredService<RiskEvaluator>().EvaluateAsync(Subject("o-4", 100.00m, 200, "A-2", "C-2"));
        Assert.Equal(RiskReasonCodes.AmlBelowThreshold, alone.Rules.Single(r => r.RuleId == RiskRuleIds.LargeValue).ReasonCode);
    }

    private async Task<ServiceProvider> BuildAsync(FakeTimeProvider clock)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RiskRules:Version"] = "cosmos-test-1",
            ["RiskRules:LargeValue:Thresholds:0:Currency"] = "CNY",
            ["RiskRules:LargeValue:Thresholds:0:Amount"] = "50000",
            ["RiskRules:LargeValue:Thresholds:0:Channel"] = "SecuritiesOrder",
            ["RiskRules:DailyNotionalLimit:Limits:CNY"] = "10000000",
            ["RiskRules:PriceBand:MaxDeviationPercent"] = "10",
        }).Build();
        string suffix = Guid.NewGuid().ToString("N");
        var services = new ServiceCollection();
        services.AddSingleton(cosmos.Client); // an instance: the provider does not dispose the fixture's client
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddBourseRiskRules(configuration);
        services.AddBourseCosmosReferenceData(o => (o.DatabaseName, o.Container) = (cosmos.Database.Id, $"refdata-{suffix}"));
        services.AddBourseCosmosOrderActivity(o => (o.DatabaseName, o.Container) = (cosmos.Database.Id, $"activity-{suffix}"));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.EnsureBourseCosmosContainersAsync();
        return provider;
    }

    private static RiskSubject Subject(string orderId, decimal price, long quantity, string account = "A-1", string customer = "C-1") => new()
    {
        OrderId = orderId,
        AccountId = account,
        CustomerId = customer,
        CustomerType = CustomerType.Individual,
        CustomerName = "Li Na",
        CustomerCountry = "CN",
        Channel = TransactionChannel.SecuritiesOrder,
        Notional = new Money(price * quantity, "CNY"),
        InstrumentId = "600519",
        Side = OrderSide.Buy,
        LimitPrice = price,
        Quantity = quantity,
    };
}
