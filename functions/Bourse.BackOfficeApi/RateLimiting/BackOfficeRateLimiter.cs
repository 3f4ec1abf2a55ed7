using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Bourse.BackOfficeApi.RateLimiting;

/// <summary>
/// The per-client token bucket of the API, for both hosts: the local host installs it as ASP.NET Core's global limiter,
/// the Functions triggers ask it through <see cref="BackOfficeGate"/>. A client is its authenticated name, else its
/// remote address; health checks are never limited (a probe must not be turned away by a busy client).
/// </summary>
public static class BackOfficeRateLimiter
{
    /// <summary>A limiter with one bucket per client.</summary>
    public static PartitionedRateLimiter<HttpContext> Create(BackOfficeRateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PartitionedRateLimiter.Create<HttpContext, string>(context =>
            IsHealth(context.Request.Path)
                ? RateLimitPartition.GetNoLimiter("health")
                : RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.TokenLimit,
                    TokensPerPeriod = options.TokensPerPeriod,
                    ReplenishmentPeriod = options.ReplenishmentPeriod,
                    // No queue: a client over its rate is told when to come back rather than held on a connection.
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
    }

    /// <summary>The partition of a request: <c>user:</c> + the authenticated name, else <c>ip:</c> + the remote address.</summary>
    public static string ClientOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? "user:" + name
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>The answer to a refused request: 429 with <c>Retry-After</c> in whole seconds (at least 1).</summary>
    public static IResult TooManyRequests(RateLimitLease lease, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : fallback;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new TooManyRequestsResult(seconds);
    }

    private static bool IsHealth(PathString path) =>
        path.Equals("/api/" + BackOfficeRoutes.Health, StringComparison.OrdinalIgnoreCase);

    private sealed class TooManyRequestsResult(int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Validation.ApiProblems.Status(StatusCodes.Status429TooManyRequests, "Too many requests.",
                $"This client is over its rate; retry after {retryAfterSeconds} s.").ExecuteAsync(httpContext);
        }
    }
}
