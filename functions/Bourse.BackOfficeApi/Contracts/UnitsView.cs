using Bourse.BackOfficeApi.Units;

namespace Bourse.BackOfficeApi.Contracts;

/// <summary>The units' health board, as <c>GET /api/units</c> shows it.</summary>
/// <param name="Self">This unit; <see langword="null"/> when no unit map is configured (one unit, routing off).</param>
/// <param name="Routing">What this unit does with another unit's users; <see langword="null"/> when routing is off.</param>
/// <param name="CheckedAt">When the probes shown were sent; none when there is nothing to probe.</param>
/// <param name="Units">Every unit of the map, in configuration order.</param>
public sealed record UnitsView(string? Self, UnitRoutingMode? Routing, DateTimeOffset? CheckedAt, IReadOnlyList<UnitView> Units);

/// <summary>One unit on the board.</summary>
/// <param name="Name">The unit.</param>
/// <param name="BaseUrl">Where its API is served.</param>
/// <param name="IsSelf">Whether it is the unit answering.</param>
/// <param name="State">Draining when so configured; otherwise degraded when its probe failed or was slow, else healthy.</param>
/// <param name="Reachable">Whether its <c>/api/health</c> answered 2xx within the probe timeout.</param>
/// <param name="RoundTripMs">The probe's round trip (request sent to answer's headers), in milliseconds; none without an answer.</param>
/// <param name="Problem">Why it is unreachable.</param>
/// <param name="Share">Its expected share of users (0 to 1): its weight over the weights of the units not draining.</param>
/// <param name="Weight">Its configured weight.</param>
public sealed record UnitView(
    string Name, string BaseUrl, bool IsSelf, UnitState State, bool Reachable, double? RoundTripMs, string? Problem, double Share, double Weight);
