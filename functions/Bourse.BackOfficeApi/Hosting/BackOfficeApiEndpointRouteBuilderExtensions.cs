using Bourse.BackOfficeApi.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Bourse.BackOfficeApi.Hosting;

/// <summary>Serves the API from an ASP.NET Core app (the local host) with the same handlers as the Functions app.</summary>
public static class BackOfficeApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Adds authentication, the rate limiter and authorization to the pipeline, then maps every route of
    /// <see cref="BackOfficeRoutes"/> under <c>/api</c> to <see cref="BackOfficeApiHandlers"/>, each behind its
    /// operation's policy (health is open). Needs <see cref="BackOfficeApiServiceCollectionExtensions.AddBourseBackOfficeApiWithApiKeys"/>
    /// and a registered <see cref="DurableTaskClient"/>.
    /// </summary>
    public static WebApplication MapBourseBackOfficeApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Authentication before the limiter, so that a client's bucket is its name rather than its address.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        var api = app.MapGroup("/api");
        api.MapGet(BackOfficeRoutes.Health, BackOfficeApiHandlers.Health).AllowAnonymous();
        api.MapPost(BackOfficeRoutes.Orders,
                ([FromServices] BackOfficeApiHandlers handlers, [FromServices] DurableTaskClient client, HttpRequest request, CancellationToken cancellationToken) =>
                    handlers.SubmitOrderAsync(request, client, cancellationToken))
            .RequireAuthorization(BackOfficeAccess.PolicyName(BackOfficeOperation.SubmitOrder));
        api.MapGet(BackOfficeRoutes.Order,
                ([FromServices] BackOfficeApiHandlers handlers, [FromServices] DurableTaskClient client, string id, HttpContext context, CancellationToken cancellationToken) =>
                    handlers.GetOrderAsync(id, client, context.User, cancellationToken))
            .RequireAuthorization(BackOfficeAccess.PolicyName(BackOfficeOperation.ReadOrder));
        api.MapPost(BackOfficeRoutes.CancelOrder,
                ([FromServices] BackOfficeApiHandlers handlers, [FromServices] DurableTaskClient client, string id, HttpRequest request, CancellationToken cancellationToken) =>
                    handlers.CancelOrderAsync(id, request, client, cancellationToken))
            .RequireAuthorization(BackOfficeAccess.PolicyName(BackOfficeOperation.CancelOrder));
        api.MapGet(BackOfficeRoutes.Account,
                ([FromServices] BackOfficeApiHandlers handlers, string id, HttpContext context, CancellationToken cancellationToken) =>
                    handlers.GetAccountAsync(id, context.User, cancellationToken))
            .RequireAuthorization(BackOfficeAccess.PolicyName(BackOfficeOperation.ReadAccount));
        api.MapPost(BackOfficeRoutes.Reconciliations,
                ([FromServices] BackOfficeApiHandlers handlers, [FromServices] DurableTaskClient client, HttpRequest request, CancellationToken cancellationToken) =>
                    handlers.StartReconciliationAsync(request, client, cancellationToken))
            .RequireAuthorization(BackOfficeAccess.PolicyName(BackOfficeOperation.RunReconciliation));
        api.MapGet(BackOfficeRoutes.Reconciliation,
                ([FromServices] DurableTaskClient client, string id, CancellationToken cancellationToken) =>
                    BackOfficeApiHandlers.GetReconciliationAsync(id, client, cancellationToken))
            .RequireAuthorization(BackOfficeAccess.PolicyName(BackOfficeOperation.ReadReconciliation));
        api.MapPost(BackOfficeRoutes.Reports,
                ([FromServices] RegulatoryReportHandlers handlers, [FromServices] DurableTaskClient client, HttpRequest request, CancellationToken cancellationToken) =>
                    handlers.StartReportAsync(request, client, cancellationToken))
            .RequireAuthorization(BackOfficeAccess.PolicyName(BackOfficeOperation.RunReport));
        api.MapGet(BackOfficeRoutes.Report,
                ([FromServices] DurableTaskClient client, string id, CancellationToken cancellationToken) =>
                    RegulatoryReportHandlers.GetReportAsync(id, client, cancellationToken))
            .RequireAuthorization(BackOfficeAccess.PolicyName(BackOfficeOperation.ReadReport));
        api.MapGet(BackOfficeRoutes.Units,
                ([FromServices] BackOfficeApiHandlers handlers, CancellationToken cancellationToken) => handlers.GetUnitsAsync(cancellationToken))
            .RequireAuthorization(BackOfficeAccess.PolicyName(BackOfficeOperation.ReadUnits));
        return app;
    }
}
