using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi.Units;

/// <summary>
/// Sends a request that names a user to the user's home unit: a handler asks it once it has read the body (the user is
/// in it), before it starts anything, so both hosts route the same way from the same code. With no unit map, or for
/// a user homed here, it answers <see langword="null"/> and the handler goes on.
/// </summary>
public sealed partial class UnitRouter(
    UnitMap map,
    IOptions<UnitMapOptions> options,
    IHttpClientFactory httpClients,
    TimeProvider timeProvider,
    ILogger<UnitRouter> logger)
{
    private readonly HashSet<string> _forwardHeaders = new(
        options.Value.ForwardHeaders.Count > 0 ? options.Value.ForwardHeaders : UnitMapOptions.DefaultForwardHeaders, StringComparer.OrdinalIgnoreCase);

    /// <summary>The map routed over.</summary>
    public UnitMap Map => map;

    /// <summary>
    /// <see langword="null"/> when this unit serves the request; otherwise its answer: a 307 to the home unit
    /// (<see cref="UnitRoutingMode.Redirect"/>) or the home unit's own answer (<see cref="UnitRoutingMode.Forward"/>), 508
    /// for a forwarded request this unit's map homes elsewhere, 502/504 when a forward fails.
    /// </summary>
    /// <param name="request">The request, its body already read.</param>
    /// <param name="regionCode">The user's region, as the request gives it.</param>
    /// <param name="userId">The user; none (or blank): the request names no user and is served here.</param>
    /// <param name="body">The body's bytes, forwarded as they came.</param>
    /// <param name="cancellationToken">Cancels a forward.</param>
    public async Task<IResult?> RouteAsync(
        HttpRequest request, string? regionCode, string? userId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (map.Self is not { } self || string.IsNullOrWhiteSpace(userId))
        {
            return null;
        }

        var home = map.HomeOf(regionCode, userId);
        if (ReferenceEquals(home, self))
        {
            return null;
        }

        if (request.Headers.TryGetValue(UnitHeaders.ForwardedBy, out var forwardedBy))
        {
            LogLoop(logger, self.Name, forwardedBy.ToString(), home.Name);
            return UnitResults.Loop(self, home, forwardedBy.ToString());
        }

        var target = home.UrlOf(request.PathBase.Add(request.Path) + request.QueryString);
        if (options.Value.Routing == UnitRoutingMode.Redirect)
        {
            LogRedirected(logger, home.Name);
            return UnitResults.Redirect(home, target);
        }

        return await ForwardAsync(request, self, home, target, body, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IResult> ForwardAsync(
        HttpRequest request, UnitEntry self, UnitEntry home, Uri target, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        foreach (var (name, values) in request.Headers)
        {
            if (_forwardHeaders.Contains(name))
            {
                message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        message.Headers.TryAddWithoutValidation(UnitHeaders.ForwardedBy, self.Name);
        message.Content = new ReadOnlyMemoryContent(body);
        if (request.ContentType is { Length: > 0 } contentType)
        {
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var timeout = new CancellationTokenSource(options.Value.ForwardTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await httpClients.CreateClient(UnitHeaders.HttpClientName).SendAsync(message, linked.Token).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            LogForwarded(logger, home.Name, (int)response.StatusCode);
            return UnitResults.Relayed(home, response, answer);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogForwardFailed(logger, home.Name, null);
            return UnitResults.Unreachable(home, timedOut: true);
        }
        catch (HttpRequestException e)
        {
            LogForwardFailed(logger, home.Name, e);
            return UnitResults.Unreachable(home, timedOut: false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request for a user of unit {Home} redirected there")]
    private static partial void LogRedirected(ILogger logger, string home);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request for a user of unit {Home} forwarded there: {Status}")]
    private static partial void LogForwarded(ILogger logger, string home, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request for a user of unit {Home} could not be forwarded there")]
    private static partial void LogForwardFailed(ILogger logger, string home, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Unit {Self} received a request forwarded by {ForwardedBy} whose user its map homes at {Home}: the unit maps disagree")]
    private static partial void LogLoop(ILogger logger, string self, string forwardedBy, string home);
}
