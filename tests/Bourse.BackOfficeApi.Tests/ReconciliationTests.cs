using Bourse.Orchestrations.Reconciliation;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Bourse.BackOfficeApi.Tests;

public sealed class ReconciliationTests
{
    private readonly FakeDurableClient _durable = new();

    private static BackOfficeApiHandlers Handlers(params int[] instruments)
    {
        var options = new BackOfficeApiOptions { ReconciliationLookback = TimeSpan.FromMinutes(30) };
        foreach (var instrument in instruments)
        {
            options.ReconciliationInstrumentIds.Add(instrument);
        }

        return new(new InMemoryReferenceData(), new InMemoryLedgerReader(), new InMemoryRiskDecisions(), Options.Create(options),
            NullLogger<BackOfficeApiHandlers>.Instance);
    }

    [Fact]
    public async Task A_window_starts_one_reconciliation_and_answers_202_with_its_status_url()
    {
        var request = Http.Request("""{"instrumentIds":[601318,600519,600519],"fromSequence":5,"toSequence":50}""");

        var response = await Http.ExecuteAsync(await Handlers().StartReconciliationAsync(request, _durable.Client), request);

        Assert.Equal(202, response.Status);
        var (name, id, input) = Assert.Single(_durable.Scheduled);
        Assert.Equal(ReconciliationOrchestration.Name, name);
        var window = Assert.IsType<ReconciliationInput>(input);
        Assert.Equal([600519, 601318], window.InstrumentIds);
        Assert.Equal((5L, 50L), (window.FromSequence, window.ToSequence));
        Assert.Equal($"/api/reconciliations/{id}", response.Headers.Location.ToString());
        Assert.Equal(BackOfficeApiHandlers.ReconciliationIdOf(window), id);
    }

    [Fact]
    public async Task The_same_window_while_it_runs_is_a_conflict()
    {
        var first = Http.Request("""{"instrumentIds":[600519]}""");
        await Handlers().StartReconciliationAsync(first, _durable.Client);
        var second = Http.Request("""{"instrumentIds":[600519]}""");

        var response = await Http.ExecuteAsync(await Handlers().StartReconciliationAsync(second, _durable.Client), second);

        Assert.Equal(409, response.Status);
        Assert.Single(_durable.Scheduled);
    }

    [Fact]
    public async Task A_start_the_backend_refuses_because_an_identical_request_won_the_race_is_a_conflict_and_a_timer_firing_twice_starts_nothing()
    {
        // Both requests passed the existence check; the other one's start landed first, and the backend refuses this one.
        _durable.Mock.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(
                It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Returns((TaskName name, object? input, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                _durable.Instances[options!.InstanceId!] = FakeDurableClient.Instance(name.Name, options.InstanceId!, input, OrchestrationRuntimeStatus.Running);
                throw new InvalidOperationException($"An orchestration instance with the ID '{options.InstanceId}' already exists.");
            });
        var request = Http.Request("""{"instrumentIds":[600519]}""");

        var response = await Http.ExecuteAsync(await Handlers().StartReconciliationAsync(request, _durable.Client), request);
        var scheduled = await Handlers(600519).RunScheduledReconciliationAsync(_durable.Client, new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(409, response.Status);
        Assert.Contains("Running", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(scheduled);
    }

    [Fact]
    public async Task An_empty_body_takes_the_configured_instruments_and_without_any_is_a_400()
    {
        var configured = await Handlers(600036).StartReconciliationAsync(Http.Request(null), _durable.Client);
        var none = Http.Request(null);
        var response = await Http.ExecuteAsync(await Handlers().StartReconciliationAsync(none, _durable.Client), none);

        Assert.Equal(202, (await Http.ExecuteAsync(configured)).Status);
        Assert.Equal([600036], Assert.IsType<ReconciliationInput>(Assert.Single(_durable.Scheduled).Input).InstrumentIds);
        Assert.Equal(400, response.Status);
        Assert.Equal(["instrumentIds"], response.ProblemFields);
    }

    [Theory]
    [InlineData("""{"instrumentIds":[0]}""", "instrumentIds")]
    [InlineData("""{"instrumentIds":[1],"fromSequence":0}""", "fromSequence")]
    [InlineData("""{"instrumentIds":[1],"fromSequence":9,"toSequence":3}""", "toSequence")]
    [InlineData("""{"instrumentIds":[1],"storedFrom":"2026-01-02T00:00:00Z","storedTo":"2026-01-01T00:00:00Z"}""", "storedTo")]
    [InlineData("""{"instrumentIds":"600519"}""", "instrumentIds")]
    [InlineData("""{"instrumentIds":[1],"storedFrom":"yesterday"}""", "storedFrom")]
    public async Task A_bad_window_is_a_400_naming_the_field_and_starts_nothing(string body, string field)
    {
        var request = Http.Request(body);

        var response = await Http.ExecuteAsync(await Handlers().StartReconciliationAsync(request, _durable.Client), request);

        Assert.Equal(400, response.Status);
        Assert.Contains(field, response.ProblemFields);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task The_scheduled_run_covers_the_lookback_up_to_the_schedule_and_starts_once_per_occurrence()
    {
        var at = new DateTimeOffset(2026, 11, 26, 9, 15, 0, TimeSpan.Zero);

        var id = await Handlers(600519, 1).RunScheduledReconciliationAsync(_durable.Client, at);
        var again = await Handlers(600519, 1).RunScheduledReconciliationAsync(_durable.Client, at);

        Assert.Equal("reconciliation-scheduled-20261126T0915", id);
        Assert.Null(again);
        var window = Assert.IsType<ReconciliationInput>(Assert.Single(_durable.Scheduled).Input);
        Assert.Equal([1, 600519], window.InstrumentIds);
        Assert.Equal((at.AddMinutes(-30), at), (window.StoredFrom!.Value, window.StoredTo!.Value));
    }

    [Fact]
    public async Task The_scheduled_run_without_configured_instruments_starts_nothing()
    {
        Assert.Null(await Handlers().RunScheduledReconciliationAsync(_durable.Client, DateTimeOffset.UnixEpoch));
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task A_reconciliations_status_shows_its_result_and_an_order_is_not_a_reconciliation()
    {
        _durable.Instances["r-1"] = FakeDurableClient.Instance(ReconciliationOrchestration.Name, "r-1", null, OrchestrationRuntimeStatus.Completed,
            output: new { breaks = 0 });
        _durable.Instances["ord-1"] = FakeDurableClient.Instance("OrderToClearing", "ord-1", null, OrchestrationRuntimeStatus.Running);

        var done = await Http.ExecuteAsync(await BackOfficeApiHandlers.GetReconciliationAsync("r-1", _durable.Client));
        var order = await Http.ExecuteAsync(await BackOfficeApiHandlers.GetReconciliationAsync("ord-1", _durable.Client));

        Assert.Equal(("Completed", 0), (done.Json.GetProperty("runtimeStatus").GetString(), done.Json.GetProperty("result").GetProperty("breaks").GetInt32()));
        Assert.Equal(404, order.Status);
    }
}
