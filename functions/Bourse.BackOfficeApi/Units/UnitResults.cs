using Bourse.BackOfficeApi.Validation;
using Microsoft.AspNetCore.Http;

namespace Bourse.BackOfficeApi.Units;

/// <summary>The answers of unit routing, written the same way by every host.</summary>
public static class UnitResults
{
    /// <summary>307 to <paramref name="location"/> at <paramref name="home"/>: the client sends the same method and body there.</summary>
    public static IResult Redirect(UnitEntry home, Uri location)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(location);
        var body = Results.Json(new { homeUnit = home.Name, location = location.AbsoluteUri }, BackOfficeJson.Options,
            statusCode: StatusCodes.Status307TemporaryRedirect);
        return new HomeUnitResult(body.WithLocation(location.AbsoluteUri), home.Name);
    }

    /// <summary>The home unit's answer, relayed: its status, its end-to-end headers and <paramref name="body"/> (its
    /// content, already read; the response may be disposed once this returns).</summary>
    public static IResult Relayed(UnitEntry home, HttpResponseMessage response, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(body);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => !RelayedResult.NotRelayed.Contains(h.Key))
            .Select(h => (h.Key, h.Value.ToArray()))
            .ToList();
        // The home's Location (the order's status, /api/orders/...) is a resource of the home unit: left relative, it would
        // send the client to this unit, which does not have it.
        string? location = response.Headers.Location is { } at ? (at.IsAbsoluteUri ? at : home.UrlOf(at.OriginalString)).AbsoluteUri : null;
        return new HomeUnitResult(new RelayedResult((int)response.StatusCode, headers, location, body), home.Name);
    }

    /// <summary>508: a forwarded request whose home, by this unit's map, is another unit.</summary>
    public static IResult Loop(UnitEntry self, UnitEntry home, string? forwardedBy) =>
        new HomeUnitResult(ApiProblems.Status(StatusCodes.Status508LoopDetected, "The units disagree on the user's home.",
            $"Unit {self.Name} received this request from unit {forwardedBy}, but its map homes the user at {home.Name}: the units' "
            + $"{UnitMapOptions.SectionName}:Map differ. It was not routed again."), home.Name);

    /// <summary>502 or 504: the home unit did not answer a forwarded request.</summary>
    public static IResult Unreachable(UnitEntry home, bool timedOut) =>
        new HomeUnitResult(timedOut
            ? ApiProblems.Status(StatusCodes.Status504GatewayTimeout, "The home unit did not answer in time.",
                $"The user is homed at unit {home.Name}; the request may or may not have been served there. Sending it again is safe: the same client order id is the same order.")
            : ApiProblems.Status(StatusCodes.Status502BadGateway, "The home unit could not be reached.",
                $"The user is homed at unit {home.Name}. Sending the request again is safe: the same client order id is the same order."), home.Name);

    private sealed class HomeUnitResult(IResult inner, string home) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers[UnitHeaders.HomeUnit] = home;
            return inner.ExecuteAsync(httpContext);
        }
    }

    private sealed class RelayedResult(int status, List<(string Name, string[] Values)> headers, string? location, byte[] body)
        : IResult, IStatusCodeHttpResult
    {
        // Connection-level headers belong to each hop, and the server writes its own length, date and name.
        internal static readonly HashSet<string> NotRelayed = new(StringComparer.OrdinalIgnoreCase)
        {
            "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "Trailer", "TE", "Content-Length", "Date", "Server",
        };

        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var target = httpContext.Response;
            target.StatusCode = status;
            foreach (var (name, values) in headers)
            {
                target.Headers[name] = values;
            }

            if (location is not null)
            {
                target.Headers.Location = location;
            }

            target.ContentLength = body.Length;
            if (body.Length > 0)
            {
                await target.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
