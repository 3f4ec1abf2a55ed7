using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Tests.Support;
using Bourse.Domain;
using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Ports;
using Bourse.Orchestrations.Ports;

namespace Bourse.Adapters.Tests.Cosmos;

/// <summary>The order activity on the local Cosmos DB server: the saga's records, read back as history and exposure.</summary>
[Collection(SharedCosmosServer.Name)]
public sealed class CosmosOrderActivityTests(CosmosFixture cosmos)
{
    private static readonly DateOnly Monday = new(2026, 3, 2);
    private static readonly DateTimeOffset Morning = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task History_has_pending_and_executed_orders_but_not_cancelled_or_rejected_ones()
    {
        var log = await CreateAsync();
        using var cts = Timeouts.Short();
        await log.RecordPendingAsync(Pending("o-1", "A-1", "C-1", 10_000m, Morning), cts.Token);
        await log.RecordPendingAsync(Pending("o-2", "A-1", "C-1", 8_000m, Morning.AddMinutes(1)), cts.Token);
        await log.RecordPendingAsync(Pending("o-3", "A-1", "C-1", 7_000m, Morning.AddMinutes(2)), cts.Token);
        await log.RecordPendingAsync(Pending("o-4", "A-2", "C-1", 6_000m, Morning.AddMinutes(3)), cts.Token);

        Assert.Equal(OutcomeRecording.Recorded, await log.RecordOutcomeAsync(Outcome("o-2", "A-1", OrderActivityStatus.Executed, 5_970.50m), cts.Token));
        Assert.Equal(OutcomeRecording.Recorded, await log.RecordOutcomeAsync(Outcome("o-3", "A-1", OrderActivityStatus.Cancelled), cts.Token));
        Assert.Equal(OutcomeRecording.Recorded, await log.RecordOutcomeAsync(Outcome("o-4", "A-2", OrderActivityStatus.Rejected), cts.Token));
        var history = await log.GetTransactionsAsync("C-1", Morning.AddHours(-1), cts.Token);

        Assert.Equal(["o-1", "o-2"], history.Select(t => t.TransactionId));
        Assert.Equal(new Money(10_000m, "CNY"), history[0].Amount);
        Assert.Equal(new Money(5_970.50m, "CNY"), history[1].Amount);
        Assert.Equal((Morning.AddMinutes(1), TransactionChannel.SecuritiesOrder, false), (history[1].At, history[1].Channel, history[1].IsCrossBorder));
    }

    [Fact]
    public async Task History_starts_at_since_exactly_and_other_customers_are_invisible()
    {
        var log = await CreateAsync();
        var since = Morning.AddTicks(5_000); // between two milliseconds: the cut is exact, not rounded
        await log.RecordPendingAsync(Pending("early", "A-1", "C-1", 1m, Morning));
        await log.RecordPendingAsync(Pending("at-since", "A-1", "C-1", 2m, since));
        await log.RecordPendingAsync(Pending("late", "A-1", "C-1", 3m, Morning.AddHours(3)));
        await log.RecordPendingAsync(Pending("others", "A-9", "C-9", 4m, Morning.AddHours(1)));

        Assert.Equal(["at-since", "late"], (await log.GetTransactionsAsync("C-1", since)).Select(t => t.TransactionId));
        Assert.Equal(["others"], (await log.GetTransactionsAsync("C-9", since)).Select(t => t.TransactionId));
        Assert.Empty(await log.GetTransactionsAsync("C-404", since));
    }

    [Fact]
    public async Task Exposure_is_per_account_business_day_and_currency_without_the_judged_order()
    {
        var log = await CreateAsync();
        await log.RecordPendingAsync(Pending("o-1", "A-1", "C-1", 10_000m, Morning));
        await log.RecordPendingAsync(Pending("o-2", "A-1", "C-1", 6_000m, Morning));
        await log.RecordOutcomeAsync(Outcome("o-2", "A-1", OrderActivityStatus.Executed, 5_000.25m));
        await log.RecordPendingAsync(Pending("o-3", "A-1", "C-1", 900m, Morning, "USD"));
        await log.RecordPendingAsync(Pending("o-4", "A-1", "C-1", 7_000m, Morning.AddDays(1), day: Monday.AddDays(1)));
        await log.RecordPendingAsync(Pending("o-5", "A-2", "C-1", 3_000m, Morning)); // the customer's other account
        await log.RecordPendingAsync(Pending("o-6", "A-1", "C-1", 2_000m, Morning));
        await log.RecordOutcomeAsync(Outcome("o-6", "A-1", OrderActivityStatus.Cancelled));

        Assert.Equal(Exposure(5_000.25m, 10_000m, "CNY"), await log.GetDailyExposureAsync("A-1", Monday, "CNY", "o-new"));
        Assert.Equal(Exposure(5_000.25m, 0m, "CNY"), await log.GetDailyExposureAsync("A-1", Monday, "CNY", "o-1"));
        Assert.Equal(Exposure(0m, 900m, "USD"), await log.GetDailyExposureAsync("A-1", Monday, "USD", "o-new"));
        Assert.Equal(Exposure(0m, 7_000m, "CNY"), await log.GetDailyExposureAsync("A-1", Monday.AddDays(1), "CNY", "o-new"));
        Assert.Equal(Exposure(0m, 3_000m, "CNY"), await log.GetDailyExposureAsync("A-2", Monday, "CNY", "o-new"));
        Assert.Equal(Exposure(0m, 0m, "CNY"), await log.GetDailyExposureAsync("A-404", Monday, "CNY", "o-new"));
    }

    [Fact]
    public async Task A_retried_pending_record_changes_nothing_and_does_not_count_twice()
    {
        var log = await CreateAsync();
        await log.RecordPendingAsync(Pending("o-1", "A-1", "C-1", 10_000m, Morning));
        await log.RecordPendingAsync(Pending("o-1", "A-1", "C-1", 10_000m, Morning));
        await log.RecordPendingAsync(Pending("o-1", "A-1", "C-1", 99_999m, Morning.AddMinutes(5)));

        Assert.Equal(Exposure(0m, 10_000m, "CNY"), await log.GetDailyExposureAsync("A-1", Monday, "CNY", "o-new"));
        Assert.Equal(Morning, Assert.Single(await log.GetTransactionsAsync("C-1", Morning.AddDays(-1))).At);
    }

    [Fact]
    public async Task The_first_outcome_is_final_and_a_retry_or_a_late_record_changes_nothing()
    {
        var log = await CreateAsync();
        await log.RecordPendingAsync(Pending("o-1", "A-1", "C-1", 10_000m, Morning));

        Assert.Equal(OutcomeRecording.Recorded, await log.RecordOutcomeAsync(Outcome("o-1", "A-1", OrderActivityStatus.Executed, 9_950m)));
        Assert.Equal(OutcomeRecording.AlreadyFinal, await log.RecordOutcomeAsync(Outcome("o-1", "A-1", OrderActivityStatus.Executed, 9_950m)));
        Assert.Equal(OutcomeRecording.AlreadyFinal, await log.RecordOutcomeAsync(Outcome("o-1", "A-1", OrderActivityStatus.Failed)));
        await log.RecordPendingAsync(Pending("o-1", "A-1", "C-1", 10_000m, Morning)); // a late duplicate of AssessRisk

        Assert.Equal(Exposure(9_950m, 0m, "CNY"), await log.GetDailyExposureAsync("A-1", Monday, "CNY", "o-new"));
    }

    [Fact]
    public async Task An_outcome_of_an_order_never_recorded_or_of_an_unknown_account_records_nothing()
    {
        var log = await CreateAsync();

        Assert.Equal(OutcomeRecording.NotRecorded, await log.RecordOutcomeAsync(Outcome("o-rejected-by-risk", "A-1", OrderActivityStatus.Rejected)));
        Assert.Equal(OutcomeRecording.NotRecorded, await log.RecordOutcomeAsync(Outcome("o-1", "A-404", OrderActivityStatus.Rejected)));
        Assert.Empty(await log.GetTransactionsAsync("C-1", DateTimeOffset.MinValue));
        await Assert.ThrowsAsync<ArgumentException>(async () => await log.RecordOutcomeAsync(Outcome("o-1", "A-1", OrderActivityStatus.Pending)));
    }

    [Fact]
    public async Task Concurrent_outcomes_of_one_order_land_once()
    {
        var log = await CreateAsync();
        for (int i = 0; i < 8; i++)
        {
            // One order per business day, so that each round's exposure is its own.
            string orderId = $"o-{i}";
            DateOnly day = Monday.AddDays(i);
            await log.RecordPendingAsync(Pending(orderId, "A-1", "C-1", 10_000m, Morning.AddDays(i), day: day));
            using var start = new ManualResetEventSlim();
            Task<OutcomeRecording>[] racing =
            [
                Task.Run(async () => { start.Wait(); return await log.RecordOutcomeAsync(Outcome(orderId, "A-1", OrderActivityStatus.Executed, 4_000m)); }),
                Task.Run(async () => { start.Wait(); return await log.RecordOutcomeAsync(Outcome(orderId, "A-1", OrderActivityStatus.Cancelled)); }),
            ];
            start.Set();
            OutcomeRecording[] answers = await Task.WhenAll(racing);

            Assert.Equal([OutcomeRecording.Recorded, OutcomeRecording.AlreadyFinal], answers.Order());
            // Whichever won, the order counts once: as executed if the fill won, not at all if the cancel won; never pending.
            decimal executed = answers[0] == OutcomeRecording.Recorded ? 4_000m : 0m;
            Assert.Equal(Exposure(executed, 0m, "CNY"), await log.GetDailyExposureAsync("A-1", day, "CNY", "o-new"));
        }
    }

    private async Task<CosmosOrderActivity> CreateAsync()
    {
        var refOptions = new CosmosReferenceDataOptions { Container = $"refdata-{Guid.NewGuid():N}" };
        var accounts = new CosmosReferenceData(await CosmosReferenceData.CreateContainerIfNotExistsAsync(cosmos.Database, refOptions), refOptions);
        foreach (var (account, customer) in new[] { ("A-1", "C-1"), ("A-2", "C-1"), ("A-9", "C-9") })
        {
            await accounts.UpsertAccountAsync(new AccountInfo(account, AccountStatus.Active, customer, CustomerType.Individual, "Li Na", "CN"));
        }

        var options = new CosmosOrderActivityOptions { Container = $"activity-{Guid.NewGuid():N}", RetryDelay = TimeSpan.FromMilliseconds(10) };
        return new CosmosOrderActivity(await CosmosOrderActivity.CreateContainerIfNotExistsAsync(cosmos.Database, options), accounts, options);
    }

    internal static PendingOrderActivity Pending(
        string orderId, string accountId, string customerId, decimal notional, DateTimeOffset at, string currency = "CNY", DateOnly? day = null) =>
        new(orderId, accountId, customerId, new Money(notional, currency), at, day ?? Monday);

    private static OrderActivityOutcome Outcome(string orderId, string accountId, OrderActivityStatus status, decimal executed = 0m) =>
        new(orderId, accountId, status, executed, Morning.AddHours(1));

    private static AccountExposure Exposure(decimal executed, decimal pending, string currency) =>
        new(new Money(executed, currency), new Money(pending, currency));
}
