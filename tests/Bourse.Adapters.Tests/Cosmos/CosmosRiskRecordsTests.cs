using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.Ports;

namespace Bourse.Adapters.Tests.Cosmos;

/// <summary>Risk decisions and regulatory flags on the local Cosmos DB server.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosRiskRecordsTests(CosmosFixture cosmos)
{
    [Fact]
    public async Task A_decision_is_found_as_stored_and_the_first_write_wins()
    {
        var records = await CreateAsync();
        var first = Decision("o-1", VerdictKind.Reject, "v1");

        Assert.Null(await records.FindAsync("o-1"));
        await records.SaveAsync("o-1", first);
        await records.SaveAsync("o-1", Decision("o-1", VerdictKind.Pass, "v2"));
        var found = await records.FindAsync("o-1");

        Assert.NotNull(found);
        Assert.Equal((VerdictKind.Reject, "v1", 50_000.01m, "CNY"), (found.Outcome, found.RuleSetVersion, found.Subject.Notional.Amount, found.Subject.Notional.Currency));
        Assert.Equal(first.EvaluatedAt, found.EvaluatedAt);
        var rule = Assert.Single(found.Rules);
        Assert.Equal(("AML_LARGE_VALUE", "50000 CNY"), (rule.ReasonCode, rule.Inputs["threshold"]));
    }

    [Fact]
    public async Task Flags_are_kept_once_per_order_and_rule_and_read_back_by_day()
    {
        var records = await CreateAsync();
        var at = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
        RegulatoryFlag Flag(string order, string rule, DateTimeOffset when) =>
            new(order, "acc-1", "cust-1", rule, "AML_LARGE_VALUE", "cash at or above the threshold", "v1", when);

        await records.RecordAsync([Flag("o-1", "large-value", at), Flag("o-1", "structuring", at)]);
        await records.RecordAsync([Flag("o-1", "large-value", at)]);
        await records.RecordAsync([Flag("o-2", "large-value", at.AddDays(1))]);

        var day = await records.GetFlagsAsync(new DateOnly(2026, 3, 2));
        Assert.Equal(["large-value", "structuring"], day.Select(f => f.RuleId).Order());
        Assert.All(day, f => Assert.Equal(at, f.EvaluatedAt));
        Assert.Equal("o-2", Assert.Single(await records.GetFlagsAsync(new DateOnly(2026, 3, 3))).OrderId);
    }

    private async Task<CosmosRiskRecords> CreateAsync()
    {
        var (decisions, flags) = await CosmosRiskRecords.CreateContainersIfNotExistsAsync(
            cosmos.Database, $"decisions-{Guid.NewGuid():N}", $"flags-{Guid.NewGuid():N}");
        return new CosmosRiskRecords(decisions, flags);
    }

    private static RiskDecision Decision(string orderId, VerdictKind outcome, string version) => new()
    {
        Subject = new RiskSubject
        {
            OrderId = orderId,
            AccountId = "acc-1",
            CustomerId = "cust-1",
            CustomerType = CustomerType.Individual,
            CustomerName = "Li Wei",
            CustomerCountry = "CN",
            Channel = TransactionChannel.Cash,
            Notional = new Money(50_000.01m, "CNY"),
        },
        Outcome = outcome,
        RuleSetVersion = version,
        EvaluatedAt = new DateTimeOffset(2026, 3, 2, 9, 30, 0, 123, TimeSpan.FromHours(8)),
        BusinessDay = new DateOnly(2026, 3, 2),
        BusinessTimeZone = "Asia/Shanghai",
        Deadline = TimeSpan.FromMilliseconds(200),
        Elapsed = TimeSpan.FromMilliseconds(3),
        Rules =
        [
            new RuleOutcome
            {
                RuleId = "large-value",
                Kind = outcome,
                ReasonCode = "AML_LARGE_VALUE",
                Detail = "cash at or above 50000 CNY",
                Inputs = new Dictionary<string, string> { ["threshold"] = "50000 CNY" },
                Elapsed = TimeSpan.FromMilliseconds(1),
            },
        ],
    };
}
