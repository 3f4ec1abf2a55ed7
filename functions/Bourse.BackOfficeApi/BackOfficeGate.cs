using System.Threading.RateLimiting;
using Bourse.BackOfficeApi.RateLimiting;
using Bourse.BackOfficeApi.Security;
using Bourse.BackOfficeApi.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi;

/// <summary>
/// Roles and rate limit in one call, for a host without ASP.NET Core's authorization and rate-limiting middleware (the
/// Functions app): the same role table (<see cref="BackOfficeAccess"/>) and the same limiter
/// (<see cref="BackOfficeRateLimiter"/>) as the local host's middleware, so both hosts refuse the same requests.
/// </summary>
public sealed class BackOfficeGate(PartitionedRateLimiter<HttpContext> limiter, IOptions<BackOfficeRateLimitOptions> rateLimit)
{
    /// <summary>
    /// <see langword="null"/> when the request may go on; otherwise the answer: 401 without an authenticated user, 403
    /// when no role of the user allows <paramref name="operation"/>, 429 with <c>Retry-After</c> over the rate.
    /// </summary>
    /// <param name="context">The request; its <see cref="HttpContext.User"/> is the caller.</param>
    /// <param name="operation">What it asks; <see langword="null"/> for an open route (health).</param>
    public IResult? Admit(HttpContext context, BackOfficeOperation? operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (operation is { } op)
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                return Unauthorized("Authenticate (Entra ID) to use the back-office API.");
            }

            if (!BackOfficeAccess.IsAllowed(context.User, op))
            {
                return Forbidden();
            }
        }

        using var lease = limiter.AttemptAcquire(context);
        return lease.IsAcquired ? null : BackOfficeRateLimiter.TooManyRequests(lease, rateLimit.Value.ReplenishmentPeriod);
    }

    /// <summary>401 as a problem.</summary>
    public static IResult Unauthorized(string detail) => ApiProblems.Status(StatusCodes.Status401Unauthorized, "Authentication required.", detail);

    /// <summary>403 as a problem.</summary>
    public static IResult Forbidden() =>
        ApiProblems.Status(StatusCodes.Status403Forbidden, "Forbidden.", "None of the caller's roles allows this operation.");
}
