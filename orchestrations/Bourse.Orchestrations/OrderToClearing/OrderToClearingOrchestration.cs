using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing.Activities;
using Bourse.Orchestrations.Ports;
using Microsoft.DurableTask;

namespace Bourse.Orchestrations.OrderToClearing;

/// <summary>
/// The OrderToClearing saga: Validate → AssessRisk → ReserveFunds → SubmitToEngine → await execution reports (clearing
/// each fill) → Settle, with compensation in reverse on failure. Instance id = order id.
/// </summary>
/// <remarks>
/// <para>A function-based orchestrator: the Azure Functions app wraps <see cref="RunAsync"/> in an
/// <c>[Function(OrderToClearingOrchestration.Name)]</c> with an <c>[OrchestrationTrigger]</c>; a Durable Task worker
/// registers it with <see cref="Hosting.DurableTaskRegistryExtensions.AddBourseOrchestrations"/>.</para>
/// <para>Deterministic: the only time is <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>; no GUID, I/O,
/// configuration or randomness here — everything with an effect is an activity (checked by the Durable Task analyzers).</para>
/// </remarks>
public static class OrderToClearingOrchestration
{
    /// <summary>The orchestration's registered name.</summary>
    public const string Name = "OrderToClearing";

    /// <summary>Registers <see cref="RunAsync"/> under <see cref="Name"/> (see <see cref="Hosting.DurableTaskRegistryExtensions"/>).</summary>
    internal static void Register(DurableTaskRegistry registry) =>
        registry.AddOrchestratorFunc<OrderToClearingInput, OrderToClearingResult?>(Name, RunAsync);

    /// <summary>Runs (or replays) the saga for <paramref name="input"/>.</summary>
    /// <returns>The result; <see langword="null"/> when this generation continued as new (the last generation's output is the saga's).</returns>
    public static Task<OrderToClearingResult?> RunAsync(TaskOrchestrationContext context, OrderToClearingInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new OrderToClearingSaga(context, input).RunAsync();
    }
}

/// <summary>One generation of one saga: the orchestrator's code, with its state.</summary>
internal sealed class OrderToClearingSaga
{
    private readonly TaskOrchestrationContext _context;
    private readonly OrderToClearingInput _input;
    private readonly OrderToClearingSettings _settings;
    private readonly OrderToClearingState _state;
    private readonly TaskOptions _retry;
    private int _eventsThisGeneration;

    public OrderToClearingSaga(TaskOrchestrationContext context, OrderToClearingInput input)
    {
        _context = context;
        _input = input;
        _settings = input.Settings ?? new OrderToClearingSettings();
        _state = input.Carried ?? new OrderToClearingState { TargetQuantity = input.Quantity };
        _retry = RetryOptions(_settings);
    }

    /// <summary>
    /// The activities' retry policy: exponential backoff on failures. Business refusals are results, not failures; an
    /// <see cref="ArgumentException"/> (a bad request) or a <see cref="LedgerException"/> (a refused posting) would fail
    /// the same way again and is not retried.
    /// </summary>
    internal static TaskOptions RetryOptions(OrderToClearingSettings settings) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(
            settings.ActivityMaxAttempts, settings.ActivityFirstRetryInterval, settings.ActivityBackoffCoefficient,
            settings.ActivityMaxRetryInterval)
        {
            HandleFailure = failure => !failure.IsCausedBy<ArgumentException>() && !failure.IsCausedBy<LedgerException>(),
        });

    public async Task<OrderToClearingResult?> RunAsync()
    {
        if (_input.Carried is null)
        {
            OrderToClearingResult? ended = await BeforeExecutionsAsync();
            if (ended is not null)
            {
                return ended;
            }
        }

        return await AwaitExecutionsAsync();
    }

    // Steps 1-4. Returns the result when the saga ends before the engine takes the order, null when it goes on.
    private async Task<OrderToClearingResult?> BeforeExecutionsAsync()
    {
        try
        {
            Enter(SagaStages.Validate);
            ValidationResult validation = await CallAsync<ValidationResult>(ActivityNames.ValidateOrder, _input);
            if (!validation.IsValid || validation.Instrument is null || validation.Account is null)
            {
                return await RejectAsync(validation.Reasons);
            }

            _state.Instrument = validation.Instrument;

            Enter(SagaStages.AssessRisk);
            RiskAssessment risk = await CallAsync<RiskAssessment>(
                ActivityNames.AssessRisk, new AssessRiskRequest(_input, validation.Account, validation.Instrument));
            if (risk.Outcome == VerdictKind.Reject)
            {
                return await RejectAsync(risk.Rejections);
            }

            _state.RiskFlags.AddRange(risk.Flags);

            Enter(SagaStages.ReserveFunds);
            _state.ReserveAttempted = true;
            Reservation reservation = await CallAsync<Reservation>(
                ActivityNames.ReserveFunds,
                new ReserveFundsRequest(
                    _input.OrderId, _input.AccountId, _input.InstrumentId, validation.Instrument.Currency, _input.Side,
                    OrderPricing.WorkingPrice(_input, validation.Instrument) ?? 0m, _input.Quantity));
            if (!reservation.Reserved)
            {
                return await RejectAsync([new SagaReason(
                    SagaReasonCodes.InsufficientFunds,
                    $"the hold needs {reservation.Hold.Amount} {reservation.Hold.Asset}; {reservation.Available} is available")]);
            }

            _state.Hold = reservation.Hold;
            _state.FeeRate = reservation.FeeRate;

            Enter(SagaStages.SubmitToEngine);
            _state.SubmitAttempted = true;
            EngineSubmission submission = await CallAsync<EngineSubmission>(
                ActivityNames.SubmitToEngine,
                new EngineOrder(
                    _input.ClientOrderId, _input.AccountId, _input.UserId, _input.InstrumentId, _input.Side,
                    (long)(_input.LimitPrice / validation.Instrument.TickSize), _input.Quantity, _input.TimeInForce, _input.OrderId,
                    Market: _input.Kind == OrderKind.Market));
            if (!submission.Accepted)
            {
                _state.EngineRejection = new SagaReason(SagaReasonCodes.EngineRejected, $"{submission.RejectReason}: {submission.Text}");
                return await RejectAsync([_state.EngineRejection]);
            }

            _state.EngineOrderId = submission.EngineOrderId;
            return null;
        }
        catch (TaskFailedException e)
        {
            return await CompensateAsync(OrderOutcome.Failed, [Failure(e)]);
        }
    }

    // Steps 5-7: execution reports, user cancels and the expiry timer until the order is done; then settle.
    private async Task<OrderToClearingResult?> AwaitExecutionsAsync()
    {
        using var timers = new CancellationTokenSource();
        Task<ExecutionReport> report = _context.WaitForExternalEvent<ExecutionReport>(SagaEvents.ExecutionReport);
        Task<CancelRequest> cancel = _context.WaitForExternalEvent<CancelRequest>(SagaEvents.CancelRequested);
        Task? expiry = _input.ExpiresAt is { } expiresAt && _input.TimeInForce is TimeInForce.Day or TimeInForce.Gtd && !_state.Expired
            ? _context.CreateTimer(expiresAt.UtcDateTime, timers.Token)
            : null;
        // The report deadline has its own token: news from the engine moves it on (a slow pipeline is not a lost report).
        CancellationTokenSource? deadlineTimer = null;
        Task StartDeadline(DateTime at)
        {
            deadlineTimer?.Cancel();
            deadlineTimer?.Dispose();
            deadlineTimer = CancellationTokenSource.CreateLinkedTokenSource(timers.Token);
            _state.ReportDeadline = at;
            return _context.CreateTimer(at, deadlineTimer.Token);
        }

        Task StartReportDeadline() => StartDeadline(_context.CurrentUtcDateTime + _settings.ReportWaitTimeout);

        Task? deadline = _state.ReportDeadline is { } at ? StartDeadline(at) : null;
        Enter(deadline is null ? SagaStages.AwaitExecutions : SagaStages.Cancelling);
        try
        {
            while (!_state.IsComplete)
            {
                if (_eventsThisGeneration >= _settings.HistoryEventLimit)
                {
                    // A long order: start a new history with the state so far; events not yet processed are kept.
                    timers.Cancel();
                    _state.Generation++;
                    _context.ContinueAsNew(_input with { Carried = _state }, preserveUnprocessedEvents: true);
                    return null;
                }

                Task winner = await Task.WhenAny(new[] { report, cancel, expiry, deadline }.OfType<Task>());
                if (winner == report)
                {
                    ExecutionReport received = await report;
                    report = _context.WaitForExternalEvent<ExecutionReport>(SagaEvents.ExecutionReport);
                    _eventsThisGeneration++;
                    await OnReportAsync(received);
                    if (!_state.IsComplete && (deadline is not null || _state.CancelledQuantity is not null))
                    {
                        // Waiting for a final report and this one was not it (or cancelled at the engine while a fill it
                        // reported before is still on its way): the engine is alive, give it the full wait again.
                        deadline = StartReportDeadline();
                    }
                }
                else if (winner == cancel)
                {
                    await cancel;
                    cancel = _context.WaitForExternalEvent<CancelRequest>(SagaEvents.CancelRequested);
                    _eventsThisGeneration++;
                    if (!_state.CancelRequested && !_state.EngineDone)
                    {
                        _state.CancelRequested = true;
                        await CancelAtEngineAsync();
                        deadline ??= StartReportDeadline();
                    }
                }
                else if (winner == expiry)
                {
                    expiry = null;
                    _state.Expired = true;
                    if (!_state.EngineDone)
                    {
                        await CancelAtEngineAsync();
                        deadline ??= StartReportDeadline();
                    }
                }
                else
                {
                    timers.Cancel();
                    return await CompensateAsync(OrderOutcome.Failed, [new SagaReason(
                        SagaReasonCodes.ReportTimeout,
                        $"the engine's final report did not come within {_settings.ReportWaitTimeout}")]);
                }
            }
        }
        catch (TaskFailedException e)
        {
            timers.Cancel();
            return await CompensateAsync(OrderOutcome.Failed, [Failure(e)]);
        }
        finally
        {
            // Cancelled, not only disposed: disposing unlinks it from `timers`, and on the sidecar an orchestration whose
            // timer is still pending stays Running until that timer fires (2 min after a cancel), although it has returned.
            deadlineTimer?.Cancel();
            deadlineTimer?.Dispose();
        }

        timers.Cancel();
        return await SettleAsync();
    }

    private async Task OnReportAsync(ExecutionReport report)
    {
        if (report.InstrumentId != _input.InstrumentId || (report.InstrumentSequence > 0 && !_state.SeenSequences.Add(report.InstrumentSequence)))
        {
            return; // another book's report, or one seen before (republished after a restart, raised twice)
        }

        switch (report.Kind)
        {
            case ExecutionKind.Accepted:
                _state.EngineOrderId ??= report.EngineOrderId;
                break;
            case ExecutionKind.Rejected when report.RejectedRequest == RequestKind.NewOrder && _state.FilledQuantity == 0:
                _state.EngineRejection ??= new SagaReason(SagaReasonCodes.EngineRejected, report.Reason ?? "rejected by the engine");
                break;
            case ExecutionKind.Fill:
                await ClearFillAsync(report);
                break;
            case ExecutionKind.Cancelled:
                _state.CancelledQuantity = report.Quantity;
                _state.CancelReason = report.Reason;
                break;
            case ExecutionKind.Replaced:
                // The new open quantity counts from the fills cleared so far (a fill overtaken by the replace report is
                // counted twice: the order then completes by its cancel or a timeout, not by quantity).
                _state.TargetQuantity = _state.FilledQuantity + report.Quantity;
                break;
            default:
                break; // a refused cancel or replace changes nothing
        }

        SetStatus();
    }

    private async Task ClearFillAsync(ExecutionReport fill)
    {
        if (_state.ClearedTradeIds.Contains(fill.TradeId))
        {
            return;
        }

        InstrumentInfo instrument = _state.Instrument!;
        decimal price = fill.PriceTicks * instrument.TickSize;
        decimal notional = price * fill.Quantity;
        decimal fee = FeeSchedule.ForFill(_state.FilledNotional, notional, _state.FeeRate);
        await CallAsync<ClearedFill>(
            ActivityNames.ClearFill,
            new FillClearing(_input.OrderId, _input.AccountId, _input.InstrumentId, instrument.Currency, _input.Side, fill.TradeId, price, fill.Quantity, fee));
        _state.ClearedTradeIds.Add(fill.TradeId);
        _state.FilledQuantity += fill.Quantity;
        _state.FilledNotional += notional;
        _state.Fees += fee;
    }

    private async Task<EngineCancelResult> CancelAtEngineAsync()
    {
        Enter(SagaStages.Cancelling);
        _state.CancelsSent++;
        return await CallAsync<EngineCancelResult>(
            ActivityNames.CancelAtEngine,
            new EngineCancel($"{_input.ClientOrderId}:cancel:{_state.CancelsSent}", _input.AccountId, _input.InstrumentId, _input.ClientOrderId));
    }

    // Step 7.
    private async Task<OrderToClearingResult> SettleAsync()
    {
        if (_state.EngineRejection is not null)
        {
            return await RejectAsync([_state.EngineRejection]);
        }

        Enter(SagaStages.Settle);
        try
        {
            await ReleaseHoldAsync();
            await PublishAsync(OrderEventKind.OrderSettled, []);
        }
        catch (TaskFailedException e)
        {
            return await CompensateAsync(OrderOutcome.Failed, [Failure(e)]);
        }

        OrderOutcome outcome = _state.FilledQuantity >= _state.TargetQuantity ? OrderOutcome.Filled
            : _state.Expired ? OrderOutcome.Expired
            : OrderOutcome.Cancelled;
        string stage = _state.Stage;
        Enter(SagaStages.Completed);
        return Result(outcome, stage, []);
    }

    private Task<OrderToClearingResult> RejectAsync(IReadOnlyList<SagaReason> reasons) =>
        CompensateAsync(OrderOutcome.Rejected, reasons);

    // Undo in reverse: cancel at the engine (if the order may be live there), release the hold (if one may exist),
    // record what was done and why; then publish the end. A compensating step that fails is recorded, not thrown.
    private async Task<OrderToClearingResult> CompensateAsync(OrderOutcome outcome, IReadOnlyList<SagaReason> reasons)
    {
        string failedStage = _state.Stage;
        if (outcome == OrderOutcome.Failed)
        {
            _state.LastError = string.Join("; ", reasons);
        }

        if ((_state.SubmitAttempted && !_state.EngineDone) || (_state.ReserveAttempted && !_state.HoldReleased))
        {
            Enter(SagaStages.Compensating);
        }

        if (_state.SubmitAttempted && !_state.EngineDone)
        {
            try
            {
                EngineCancelResult cancelled = await CancelAtEngineAsync();
                Compensated("CancelAtEngine", true, cancelled.Accepted ? "cancelled at the engine" : $"the engine refused the cancel ({cancelled.RejectReason}): the order was not live");
            }
            catch (TaskFailedException e)
            {
                Compensated("CancelAtEngine", false, Failure(e).Detail);
            }
        }

        if (_state.ReserveAttempted && !_state.HoldReleased)
        {
            try
            {
                HoldRelease release = await ReleaseHoldAsync();
                Compensated("ReleaseHold", true, $"released {release.Released} {_state.Hold?.Asset ?? "(no hold)"}");
            }
            catch (TaskFailedException e)
            {
                Compensated("ReleaseHold", false, Failure(e).Detail);
            }
        }

        try
        {
            await PublishAsync(outcome == OrderOutcome.Rejected ? OrderEventKind.OrderRejected : OrderEventKind.OrderFailed, reasons);
        }
        catch (TaskFailedException e)
        {
            _state.LastError = Failure(e).ToString();
        }

        Enter(SagaStages.Completed);
        return Result(outcome, failedStage, reasons);
    }

    private async Task<HoldRelease> ReleaseHoldAsync()
    {
        HoldRelease release = await CallAsync<HoldRelease>(ActivityNames.ReleaseHold, _input.OrderId);
        _state.HoldReleased = true;
        _state.ReleasedHold = release.Released;
        return release;
    }

    private Task<bool> PublishAsync(OrderEventKind kind, IReadOnlyList<SagaReason> reasons) =>
        CallAsync<bool>(
            ActivityNames.PublishOrderEvent,
            new OrderEvent(
                $"{_input.OrderId}:{kind}", kind, _input.OrderId, _input.AccountId, _input.InstrumentId, _state.FilledQuantity,
                _state.FilledNotional, _state.Fees, _state.ReleasedHold, [.. reasons.Select(r => r.ToString())],
                new DateTimeOffset(DateTime.SpecifyKind(_context.CurrentUtcDateTime, DateTimeKind.Utc))));

    private Task<T> CallAsync<T>(string activity, object input) => _context.CallActivityAsync<T>(activity, input, _retry);

    private void Compensated(string step, bool succeeded, string detail)
    {
        _state.Compensations.Add(new Compensation(step, succeeded, detail));
        if (!succeeded)
        {
            _state.LastError = $"{step} failed: {detail}";
        }

        SetStatus();
    }

    private void Enter(string stage)
    {
        _state.Stage = stage;
        SetStatus();
    }

    private void SetStatus() => _context.SetCustomStatus(new OrderToClearingStatus(
        _state.Stage, _input.Quantity, _state.FilledQuantity, _state.ClearedTradeIds.Count, _state.LastError, _state.Generation,
        [.. _state.Compensations.Select(c => c.Step)]));

    private OrderToClearingResult Result(OrderOutcome outcome, string stage, IReadOnlyList<SagaReason> reasons) => new()
    {
        OrderId = _input.OrderId,
        Outcome = outcome,
        Stage = stage,
        OrderQuantity = _input.Quantity,
        FilledQuantity = _state.FilledQuantity,
        FilledNotional = _state.FilledNotional,
        Fees = _state.Fees,
        FillsCleared = _state.ClearedTradeIds.Count,
        ReleasedHold = _state.ReleasedHold,
        Reasons = reasons,
        RiskFlags = _state.RiskFlags,
        Compensations = _state.Compensations,
        Generations = _state.Generation,
    };

    private static SagaReason Failure(TaskFailedException e) =>
        new(SagaReasonCodes.ActivityFailed, $"{e.TaskName} failed after retries: {e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}");
}
