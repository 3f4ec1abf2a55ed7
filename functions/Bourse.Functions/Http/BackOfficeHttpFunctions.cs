using Bourse.BackOfficeApi;
using Bourse.BackOfficeApi.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bourse.Functions.Http;

/// <summary>
/// The back-office API's HTTP triggers: each reads the caller (App Service Authentication's principal), asks the
/// <see cref="BackOfficeGate"/> (roles, rate limit), and hands over to the shared <see cref="BackOfficeApiHandlers"/>.
/// Nothing else belongs here: the local host serves the same routes with the same handlers.
/// </summary>
/// <remarks>
/// <see cref="AuthorizationLevel.Function"/>: in Azure every call also needs a function or host key (<c>x-functions-key</c>)
/// unless the platform's authentication in front already refused it; roles come from Entra ID app roles.
/// </remarks>
public sealed class BackOfficeHttpFunctions(BackOfficeApiHandlers handlers, RegulatoryReportHandlers reports, BackOfficeGate gate)
{
    /// <summary><c>POST /api/orders</c>.</summary>
    [Function("SubmitOrder")]
    public async Task<IResult> SubmitOrderAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = BackOfficeRoutes.Orders)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Admit(request, BackOfficeOperation.SubmitOrder) ?? await handlers.SubmitOrderAsync(request, client, cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /api/orders/{id}</c>.</summary>
    [Function("GetOrder")]
    public async Task<IResult> GetOrderAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = BackOfficeRoutes.Order)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Admit(request, BackOfficeOperation.ReadOrder) ?? await handlers.GetOrderAsync(id, client, request.HttpContext.User, cancellationToken).ConfigureAwait(false);

    /// <summary><c>POST /api/orders/{id}/cancel</c>.</summary>
    [Function("CancelOrder")]
    public async Task<IResult> CancelOrderAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = BackOfficeRoutes.CancelOrder)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Admit(request, BackOfficeOperation.CancelOrder) ?? await handlers.CancelOrderAsync(id, request, client, cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /api/accounts/{id}</c>.</summary>
    [Function("GetAccount")]
    public async Task<IResult> GetAccountAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = BackOfficeRoutes.Account)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        Admit(request, BackOfficeOperation.ReadAccount) ?? await handlers.GetAccountAsync(id, request.HttpContext.User, cancellationToken).ConfigureAwait(false);

    /// <summary><c>POST /api/reconciliations</c>.</summary>
    [Function("StartReconciliation")]
    public async Task<IResult> StartReconciliationAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = BackOfficeRoutes.Reconciliations)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Admit(request, BackOfficeOperation.RunReconciliation)
        ?? await handlers.StartReconciliationAsync(request, client, cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /api/reconciliations/{id}</c>.</summary>
    [Function("GetReconciliation")]
    public async Task<IResult> GetReconciliationAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = BackOfficeRoutes.Reconciliation)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Admit(request, BackOfficeOperation.ReadReconciliation)
        ?? await BackOfficeApiHandlers.GetReconciliationAsync(id, client, cancellationToken).ConfigureAwait(false);

    /// <summary><c>POST /api/reports</c>.</summary>
    [Function("StartReport")]
    public async Task<IResult> StartReportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = BackOfficeRoutes.Reports)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Admit(request, BackOfficeOperation.RunReport) ?? await reports.StartReportAsync(request, client, cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /api/reports/{id}</c>.</summary>
    [Function("GetReport")]
    public async Task<IResult> GetReportAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = BackOfficeRoutes.Report)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        Admit(request, BackOfficeOperation.ReadReport) ?? await RegulatoryReportHandlers.GetReportAsync(id, client, cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /api/units</c>.</summary>
    [Function("GetUnits")]
    public async Task<IResult> GetUnitsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = BackOfficeRoutes.Units)] HttpRequest request,
        CancellationToken cancellationToken) =>
        Admit(request, BackOfficeOperation.ReadUnits) ?? await handlers.GetUnitsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /api/health</c>: anonymous, so that a probe needs no key (the units' board probes it too).</summary>
    [Function("Health")]
    public static IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = BackOfficeRoutes.Health)] HttpRequest request) =>
        BackOfficeApiHandlers.Health();

    private IResult? Admit(HttpRequest request, BackOfficeOperation operation)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The worker does not turn the platform's principal into HttpContext.User: do it here, so that the gate, the
        // limiter's partition and the handlers (who asked for a cancel) all see the caller.
        if (EasyAuthPrincipal.Read(request) is { } principal)
        {
            request.HttpContext.User = principal;
        }

        return gate.Admit(request.HttpContext, operation);
    }
}
