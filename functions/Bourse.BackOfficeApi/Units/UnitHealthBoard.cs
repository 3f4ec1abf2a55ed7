using Bourse.BackOfficeApi.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bourse.BackOfficeApi.Units;

/// <summary>
/// The units' health board (<c>GET /api/units</c>): every unit's <c>/api/health</c> probed over HTTP, all at once, each
/// under <see cref="UnitMapOptions.ProbeTimeout"/>. One round serves every reader for
/// <see cref="UnitMapOptions.ProbeCacheDuration"/> (readers during a round wait for it rather than start another), so the
/// board costs each unit at most one probe per period, and a page refreshed by many operators cannot load the units.
/// </summary>
public sealed partial class UnitHealthBoard(
    UnitMap map,
    IOptions<UnitMapOptions> options,
    IHttpClientFactory httpClients,
    TimeProvider timeProvider,
    ILogger<UnitHealthBoard> logger)
{
    private readonly Lock _gate = new();
    private Task<UnitsView>? _round;
    private long _roundStartedAt;

    /// <summary>The board: the current round's, or a new round's once the last one is older than the cache duration.</summary>
    public Task<UnitsView> GetAsync(CancellationToken cancellationToken = default)
    {
        Task<UnitsView> round;
        lock (_gate)
        {
            if (_round is null || timeProvider.GetElapsedTime(_roundStartedAt) >= options.Value.ProbeCacheDuration)
            {
                _roundStartedAt = timeProvider.GetTimestamp();
                // Not the caller's token: the round is shared, and one reader going away must not fail it for the others.
                _round = ProbeAllAsync();
            }

            round = _round;
        }

        return round.WaitAsync(cancellationToken);
    }

    private async Task<UnitsView> ProbeAllAsync()
    {
        if (map.Self is null)
        {
            return new UnitsView(null, null, null, []);
        }

        var checkedAt = timeProvider.GetUtcNow();
        var units = await Task.WhenAll(map.Units.Select(ProbeAsync)).ConfigureAwait(false);
        return new UnitsView(map.Self.Name, options.Value.Routing, checkedAt, units);
    }

    private async Task<UnitView> ProbeAsync(UnitEntry unit)
    {
        var settings = options.Value;
        var (reachable, roundTrip, problem) = await ProbeHealthAsync(unit, settings.ProbeTimeout).ConfigureAwait(false);
        var state = unit.State == UnitState.Draining ? UnitState.Draining
            : !reachable || roundTrip > settings.DegradedRoundTrip ? UnitState.Degraded
            : UnitState.Healthy;
        return new UnitView(
            unit.Name,
            unit.BaseUrl.AbsoluteUri,
            ReferenceEquals(unit, map.Self),
            state,
            reachable,
            roundTrip is { } rtt ? Math.Round(rtt.TotalMilliseconds, 3) : null,
            problem,
            Math.Round(map.ExpectedShareOf(unit), 6),
            unit.Weight);
    }

    private async Task<(bool Reachable, TimeSpan? RoundTrip, string? Problem)> ProbeHealthAsync(UnitEntry unit, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        var client = httpClients.CreateClient(UnitHeaders.HttpClientName);
        long started = timeProvider.GetTimestamp();
        try
        {
            using var response = await client.GetAsync(unit.UrlOf("/api/" + BackOfficeRoutes.Health), HttpCompletionOption.ResponseHeadersRead, deadline.Token)
                .ConfigureAwait(false);
            var roundTrip = timeProvider.GetElapsedTime(started);
            return response.IsSuccessStatusCode
                ? (true, roundTrip, null)
                : (false, roundTrip, $"/api/health answered {(int)response.StatusCode}.");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (false, null, $"No answer within {timeout.TotalMilliseconds:0} ms.");
        }
        catch (HttpRequestException e)
        {
            LogProbeFailed(logger, unit.Name, e);
            return (false, null, $"Unreachable ({e.HttpRequestError}).");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probe of unit {Unit} failed")]
    private static partial void LogProbeFailed(ILogger logger, string unit, Exception exception);
}
