using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bourse.BackOfficeApi.Contracts;
using Bourse.BackOfficeApi.Security;
using Bourse.BackOfficeApi.Units;
using Bourse.BackOfficeApi.Validation;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Bourse.Orchestrations.Reconciliation;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi;

/// <summary>
/// The back-office API's handlers: every host (the Functions app's triggers, the local host's endpoints) calls these
/// and writes the <see cref="IResult"/> they return, so the two serve the same contract from the same code. The
/// <see cref="DurableTaskClient"/> is a parameter because each host gets it its own way (a binding in Functions, the
/// service provider locally); authentication, roles and rate limits are the host's, before the handler runs.
/// </summary>
/// <remarks>Without a <see cref="UnitRouter"/> and a <see cref="UnitHealthBoard"/> (a single unit) every request is served
/// here and the board is empty.</remarks>
public sealed partial class BackOfficeApiHandlers(
    IReferenceData referenceData,
    ILedgerReader ledger,
    IRiskDecisionStore riskDecisions,
    IOptions<BackOfficeApiOptions> options,
    ILogger<BackOfficeApiHandlers> logger,
    UnitRouter? unitRouter = null,
    UnitHealthBoard? unitBoard = null,
    IOrchestrationStartClaims? startClaims = null)
{
    private readonly OrderRequestValidator _validator = new(referenceData);

    /// <summary><c>POST /api/orders</c>: 202 and the order's status URL; the same (account, client order id) again answers
    /// 200 with the existing order's status (409 if the terms differ); a bad request is a 400 and starts nothing. An order
    /// of a user homed at another unit starts nothing here: it is redirected or forwarded there (<see cref="UnitRouter"/>),
    /// before validation, since the home unit validates it anyway.</summary>
    public async Task<IResult> SubmitOrderAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var body = await JsonBodyReader.ReadAsync<SubmitOrderRequest>(request, options.Value.MaxBodyBytes, allowEmpty: false, cancellationToken)
            .ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (unitRouter is not null
            && await unitRouter.RouteAsync(request, body.Value!.RegionCode, body.Value.UserId, body.Bytes, cancellationToken).ConfigureAwait(false) is { } elsewhere)
        {
            return elsewhere;
        }

        if (NotYours(request.HttpContext.User, body.Value!.AccountId) is { } notYours)
        {
            return notYours;
        }

        var (errors, input) = await _validator.ValidateAsync(body.Value!, cancellationToken).ConfigureAwait(false);
        if (input is null)
        {
            return ApiProblems.Validation(errors);
        }

        var start = await SingleStart.StartAsync(client, startClaims, OrderToClearingOrchestration.Name, input, input.OrderId, cancellationToken)
            .ConfigureAwait(false);
        switch (start.Outcome)
        {
            case SingleStartOutcome.Started:
                LogOrderStarted(logger, input.OrderId, input.AccountId, input.ClientOrderId);
                return Accepted(input);
            case SingleStartOutcome.BeingStarted:
                LogOrderBeingStarted(logger, input.OrderId);
                return Accepted(input);
        }

        var existing = start.Existing!;
        var terms = existing.ReadInputAs<OrderToClearingInput>();
        if (terms is not null && !SameTerms(terms, input))
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, "The client order id is taken.",
                $"clientOrderId: order {input.OrderId} was submitted with other terms; use a new client order id.");
        }

        var view = await ViewOfAsync(existing, cancellationToken).ConfigureAwait(false);
        return Results.Json(view, BackOfficeJson.Options, statusCode: StatusCodes.Status200OK).WithLocation(BackOfficeRoutes.OrderPath(input.OrderId));
    }

    private static IResult Accepted(OrderToClearingInput input)
    {
        var location = BackOfficeRoutes.OrderPath(input.OrderId);
        return Results.Json(
            new OrderAccepted(input.OrderId, input.ClientOrderId, input.AccountId, location), BackOfficeJson.Options, statusCode: StatusCodes.Status202Accepted)
            .WithLocation(location);
    }

    /// <summary><c>GET /api/orders/{id}</c>: stage, fills, postings, risk decision, compensation; 404 when unknown.</summary>
    public async Task<IResult> GetOrderAsync(string orderId, DurableTaskClient client, CancellationToken cancellationToken = default) =>
        await GetOrderAsync(orderId, client, caller: null, cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /api/orders/{id}</c> for <paramref name="caller"/>: a trader sees only the orders of its accounts (403).</summary>
    public async Task<IResult> GetOrderAsync(string orderId, DurableTaskClient client, ClaimsPrincipal? caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await FindOrderAsync(orderId, client, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return ApiProblems.NotFound($"No order {orderId}.");
        }

        return NotYours(caller, instance.ReadInputAs<OrderToClearingInput>()?.AccountId)
            ?? Results.Json(await ViewOfAsync(instance, cancellationToken).ConfigureAwait(false), BackOfficeJson.Options);
    }

    /// <summary><c>POST /api/orders/{id}/cancel</c>: raises <see cref="SagaEvents.CancelRequested"/> to a running saga and
    /// answers 202 with the status URL; 404 when unknown, 409 when it has ended.</summary>
    public async Task<IResult> CancelOrderAsync(string orderId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var body = await JsonBodyReader.ReadAsync<CancelOrderRequest>(request, options.Value.MaxBodyBytes, allowEmpty: true, cancellationToken)
            .ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var instance = await FindOrderAsync(orderId, client, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return ApiProblems.NotFound($"No order {orderId}.");
        }

        if (NotYours(request.HttpContext.User, instance.ReadInputAs<OrderToClearingInput>()?.AccountId) is { } notYours)
        {
            return notYours;
        }

        if (instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended))
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, "The order has ended.", $"Order {orderId} is {instance.RuntimeStatus}.");
        }

        var requestedBy = request.HttpContext.User.Identity?.Name;
        await client.RaiseEventAsync(orderId, SagaEvents.CancelRequested, new CancelRequest(requestedBy, body.Value?.Reason), cancellationToken)
            .ConfigureAwait(false);
        LogCancelRequested(logger, orderId, requestedBy);
        var location = BackOfficeRoutes.OrderPath(orderId);
        return Results.Json(new { orderId, cancelRequested = true, statusUrl = location }, BackOfficeJson.Options, statusCode: StatusCodes.Status202Accepted)
            .WithLocation(location);
    }

    /// <summary><c>GET /api/accounts/{id}</c>: cash balances, securities positions and the holds of open orders.</summary>
    public Task<IResult> GetAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        GetAccountAsync(accountId, caller: null, cancellationToken);

    /// <summary><c>GET /api/accounts/{id}</c> for <paramref name="caller"/>: a trader sees only its accounts (403).</summary>
    public async Task<IResult> GetAccountAsync(string accountId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default)
    {
        if (NotYours(caller, accountId) is { } notYours)
        {
            return notYours;
        }

        if (string.IsNullOrWhiteSpace(accountId) || await referenceData.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return ApiProblems.NotFound($"No account {accountId}.");
        }

        var state = await ledger.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
        var balances = new List<BalanceView>();
        var positions = new List<PositionView>();
        foreach (var (asset, balance) in state.Balances.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            if (TryInstrumentOf(asset, out int instrument))
            {
                positions.Add(new PositionView(instrument, balance.Available, balance.Held, balance.Total));
            }
            else
            {
                balances.Add(new BalanceView(asset, balance.Available, balance.Held, balance.Total));
            }
        }

        var holds = state.Holds.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => new HoldView(h.Key, h.Value.Asset, h.Value.Amount)).ToList();
        return Results.Json(new AccountView(account.AccountId, account.Status.ToString(), balances, positions, holds), BackOfficeJson.Options);
    }

    /// <summary><c>POST /api/reconciliations</c>: starts a reconciliation of the window and answers 202 with its status
    /// URL. The instance id is derived from the window, so the same window is not reconciled twice at once (409).</summary>
    public async Task<IResult> StartReconciliationAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var body = await JsonBodyReader.ReadAsync<StartReconciliationRequest>(request, options.Value.MaxBodyBytes, allowEmpty: true, cancellationToken)
            .ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var window = body.Value ?? new StartReconciliationRequest();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var instruments = window.InstrumentIds ?? [.. options.Value.ReconciliationInstrumentIds];
        if (instruments.Count == 0)
        {
            errors["instrumentIds"] = ["Required: no instruments are configured (BackOfficeApi:ReconciliationInstrumentIds)."];
        }
        else if (instruments.Any(i => i <= 0))
        {
            errors["instrumentIds"] = ["Every instrument id must be positive."];
        }

        if (window.FromSequence is <= 0)
        {
            errors["fromSequence"] = ["Must be 1 or more."];
        }

        if (window.ToSequence is { } to && to < (window.FromSequence ?? 1))
        {
            errors["toSequence"] = ["Must not be before fromSequence."];
        }

        if (window is { StoredFrom: { } from, StoredTo: { } until } && until <= from)
        {
            errors["storedTo"] = ["Must be after storedFrom."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var input = new ReconciliationInput
        {
            InstrumentIds = [.. instruments.Distinct().Order()],
            FromSequence = window.FromSequence ?? 1,
            ToSequence = window.ToSequence ?? long.MaxValue,
            StoredFrom = window.StoredFrom,
            StoredTo = window.StoredTo,
        };
        var instanceId = ReconciliationIdOf(input);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (IsLive(existing))
        {
            return BeingReconciled(instanceId, existing!);
        }

        try
        {
            await client.StartReconciliationAsync(input, instanceId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An identical request started the run between the check and this start, and the backend refused this one.
            existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (!IsLive(existing))
            {
                throw;
            }

            return BeingReconciled(instanceId, existing!);
        }

        LogReconciliationStarted(logger, instanceId, input.InstrumentIds.Count);
        var location = BackOfficeRoutes.ReconciliationPath(instanceId);
        return Results.Json(new ReconciliationView(instanceId, nameof(OrchestrationRuntimeStatus.Pending), location), BackOfficeJson.Options,
            statusCode: StatusCodes.Status202Accepted).WithLocation(location);
    }

    private static bool IsLive(OrchestrationMetadata? instance) =>
        instance is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended };

    private static IResult BeingReconciled(string instanceId, OrchestrationMetadata existing) =>
        ApiProblems.Status(StatusCodes.Status409Conflict, "This window is being reconciled.",
            $"Reconciliation {instanceId} is {existing.RuntimeStatus}; see {BackOfficeRoutes.ReconciliationPath(instanceId)}.");

    /// <summary><c>GET /api/reconciliations/{id}</c>: a reconciliation's status and, once completed, its result.</summary>
    public static async Task<IResult> GetReconciliationAsync(string instanceId, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = string.IsNullOrWhiteSpace(instanceId)
            ? null
            : await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null || !string.Equals(instance.Name, ReconciliationOrchestration.Name, StringComparison.Ordinal))
        {
            return ApiProblems.NotFound($"No reconciliation {instanceId}.");
        }

        JsonElement? result = instance.SerializedOutput is { Length: > 0 } output ? JsonDocument.Parse(output).RootElement.Clone() : null;
        return Results.Json(new ReconciliationView(instance.InstanceId, instance.RuntimeStatus.ToString(), BackOfficeRoutes.ReconciliationPath(instanceId), result),
            BackOfficeJson.Options);
    }

    /// <summary>
    /// The scheduled reconciliation (the timer's work): the configured instruments over the last
    /// <see cref="BackOfficeApiOptions.ReconciliationLookback"/> up to <paramref name="scheduledAt"/>. The instance id is
    /// the schedule's minute, so a timer that fires twice for one occurrence starts one run.
    /// </summary>
    /// <returns>The instance id, or <see langword="null"/> when no instruments are configured or the run exists.</returns>
    public async Task<string?> RunScheduledReconciliationAsync(DurableTaskClient client, DateTimeOffset scheduledAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var settings = options.Value;
        if (settings.ReconciliationInstrumentIds.Count == 0)
        {
            LogNothingToReconcile(logger);
            return null;
        }

        var instanceId = "reconciliation-scheduled-" + scheduledAt.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return null;
        }

        var input = new ReconciliationInput
        {
            InstrumentIds = [.. settings.ReconciliationInstrumentIds.Distinct().Order()],
            StoredFrom = scheduledAt - settings.ReconciliationLookback,
            StoredTo = scheduledAt,
        };
        try
        {
            await client.StartReconciliationAsync(input, instanceId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Another firing of the same occurrence started it first, and the backend refused this start.
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
            {
                return null;
            }

            throw;
        }

        LogReconciliationStarted(logger, instanceId, input.InstrumentIds.Count);
        return instanceId;
    }

    /// <summary><c>GET /api/units</c>: the units' health board (<see cref="UnitHealthBoard"/>).</summary>
    public async Task<IResult> GetUnitsAsync(CancellationToken cancellationToken = default)
    {
        var board = unitBoard is null
            ? new UnitsView(null, null, null, [])
            : await unitBoard.GetAsync(cancellationToken).ConfigureAwait(false);
        return Results.Json(board, BackOfficeJson.Options);
    }

    /// <summary><c>GET /api/health</c>.</summary>
    public static IResult Health() => Results.Json(new { status = "healthy" }, BackOfficeJson.Options);

    /// <summary>The instance id of a reconciliation of <paramref name="input"/>'s window.</summary>
    public static string ReconciliationIdOf(ReconciliationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(',', input.InstrumentIds)}|{input.FromSequence}|{input.ToSequence}|{input.StoredFrom?.UtcTicks}|{input.StoredTo?.UtcTicks}");
        return "reconciliation-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }

    // Both hosts authenticate before a handler runs (the local host's policies, the Functions gate), so an unauthenticated
    // caller here is a direct call (a test, a tool in the process): there is nobody to restrict.
    private static IResult? NotYours(ClaimsPrincipal? caller, string? accountId) =>
        caller is { Identity.IsAuthenticated: true } && accountId is not null && !BackOfficeAccess.MayActFor(caller, accountId)
            ? ApiProblems.Status(StatusCodes.Status403Forbidden, "Not an account of yours.",
                $"The caller may not act for account {accountId} (claims {BackOfficeAccess.AccountClaim}).")
            : null;

    private static async Task<OrchestrationMetadata?> FindOrderAsync(string orderId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(orderId))
        {
            return null;
        }

        var instance = await client.GetInstanceAsync(orderId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        // Other orchestrations share the task hub: only a saga is an order.
        return instance is not null && string.Equals(instance.Name, OrderToClearingOrchestration.Name, StringComparison.Ordinal) ? instance : null;
    }

    private async Task<OrderView> ViewOfAsync(OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        var input = instance.ReadInputAs<OrderToClearingInput>();
        var progress = instance.SerializedCustomStatus is { Length: > 0 } ? instance.ReadCustomStatusAs<OrderToClearingStatus>() : null;
        var result = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && instance.SerializedOutput is { Length: > 0 }
            ? instance.ReadOutputAs<OrderToClearingResult>()
            : null;
        var risk = await riskDecisions.FindAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false);
        var entries = input is null
            ? []
            : await ledger.GetOrderEntriesAsync(instance.InstanceId, input.InstrumentId, cancellationToken).ConfigureAwait(false);
        return new OrderView
        {
            OrderId = instance.InstanceId,
            RuntimeStatus = instance.RuntimeStatus.ToString(),
            Stage = progress?.Stage ?? result?.Stage,
            CreatedAt = instance.CreatedAt,
            LastUpdatedAt = instance.LastUpdatedAt,
            Order = input is null
                ? null
                : new OrderTerms(input.ClientOrderId, input.AccountId, input.UserId, input.InstrumentId, input.Side, input.LimitPrice, input.Quantity,
                    input.TimeInForce, input.ExpiresAt, input.Kind == OrderKind.Market ? OrderType.Market : OrderType.Limit),
            Progress = progress,
            Result = result,
            Fills = input is null ? [] : [.. entries.Where(e => e.EntryId.StartsWith("fill:", StringComparison.Ordinal)).Select(e => FillOf(e, input))],
            Postings = [.. entries.Select(e => new EntryView(e.EntryId, e.Status, e.RecordedAt,
                [.. e.Postings.Select(p => new PostingView(p.AccountId, p.Asset, p.Amount, p.Bucket, p.OrderId))]))],
            RiskDecision = risk,
            Compensation = result is { Compensations.Count: > 0 } ? result.Compensations : null,
        };
    }

    private static FillView FillOf(LedgerEntryView entry, OrderToClearingInput order)
    {
        // fill:{instrument}:{trade}:{side}: the trade id is the third part; the quantity is what moved in the security,
        // the price the counterparty's cash leg over it (fees travel on their own postings).
        var parts = entry.EntryId.Split(':');
        long tradeId = parts.Length > 2 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 0;
        var security = Assets.Security(order.InstrumentId);
        decimal quantity = entry.Postings.Where(p => p.AccountId == order.AccountId && p.Asset == security).Sum(p => Math.Abs(p.Amount));
        decimal notional = entry.Postings.Where(p => p.AccountId == LedgerAccounts.CentralCounterparty && p.Asset != security).Sum(p => Math.Abs(p.Amount));
        return new FillView(entry.EntryId, tradeId, (long)quantity, quantity == 0m ? 0m : notional / quantity, entry.Status);
    }

    private static bool SameTerms(OrderToClearingInput a, OrderToClearingInput b) =>
        a.AccountId == b.AccountId && a.ClientOrderId == b.ClientOrderId && a.InstrumentId == b.InstrumentId && a.Side == b.Side
        && a.Kind == b.Kind && a.LimitPrice == b.LimitPrice && a.Quantity == b.Quantity && a.TimeInForce == b.TimeInForce && a.ExpiresAt == b.ExpiresAt;

    private static bool TryInstrumentOf(string asset, out int instrument)
    {
        instrument = 0;
        return asset.StartsWith("SEC:", StringComparison.Ordinal)
            && int.TryParse(asset.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out instrument);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} is being started by an identical request; answered 202 without starting it")]
    private static partial void LogOrderBeingStarted(ILogger logger, string orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} started for account {AccountId} (client order id {ClientOrderId})")]
    private static partial void LogOrderStarted(ILogger logger, string orderId, string accountId, string clientOrderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancel of order {OrderId} requested by {RequestedBy}")]
    private static partial void LogCancelRequested(ILogger logger, string orderId, string? requestedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation {InstanceId} started over {InstrumentCount} instruments")]
    private static partial void LogReconciliationStarted(ILogger logger, string instanceId, int instrumentCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled reconciliation skipped: BackOfficeApi:ReconciliationInstrumentIds is empty")]
    private static partial void LogNothingToReconcile(ILogger logger);
}
