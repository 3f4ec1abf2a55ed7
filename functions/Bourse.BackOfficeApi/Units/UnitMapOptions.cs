using System.ComponentModel.DataAnnotations;

namespace Bourse.BackOfficeApi.Units;

/// <summary>
/// The multi-active units: section <c>BackOfficeApi:Units</c>. An empty <see cref="Map"/> is a single-unit deployment:
/// no routing, every request is served where it arrives.
/// </summary>
public sealed class UnitMapOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = BackOfficeApiOptions.SectionName + ":Units";

    /// <summary>This unit's name: one of the names in <see cref="Map"/> (required when the map is not empty).</summary>
    public string? Self { get; set; }

    /// <summary>Every unit, this one included, the same list on every unit: a user's home is a function of the names and
    /// weights only, so units that share the list agree on every home without talking to each other.</summary>
    public IList<UnitOptions> Map { get; } = [];

    /// <summary>What a unit does with a request for a user homed elsewhere.</summary>
    /// <value>The default value is <see cref="UnitRoutingMode.Redirect"/>.</value>
    public UnitRoutingMode Routing { get; set; } = UnitRoutingMode.Redirect;

    /// <summary>How long a <c>/api/health</c> probe of a unit may take before the unit counts as unreachable.</summary>
    /// <value>The default value is 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one round of probes answers <c>GET /api/units</c>: callers within it share the round, so the
    /// board costs the units at most one probe each per period however often it is read.</summary>
    /// <value>The default value is 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ProbeCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A reachable unit whose probe took longer than this is <see cref="UnitState.Degraded"/>.</summary>
    /// <value>The default value is 500 milliseconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan DegradedRoundTrip { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a forwarded request may take at the home unit (<see cref="UnitRoutingMode.Forward"/>).</summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ForwardTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The request headers a forwarded request carries to the home unit (the caller's credentials and what it
    /// accepts), compared without case. Platform headers (App Service's principal among them) are never forwarded: the
    /// home unit authenticates the caller itself. A host whose <c>BackOfficeApi:ApiKeyHeader</c> is not <c>X-Api-Key</c> lists
    /// its header here.</summary>
    /// <value>The default value is <c>Authorization</c>, <c>X-Api-Key</c>, <c>x-functions-key</c>, <c>Accept</c>,
    /// <c>Accept-Language</c>, <c>User-Agent</c>.</value>
    public IList<string> ForwardHeaders { get; } = [];

    /// <summary>The headers forwarded when <see cref="ForwardHeaders"/> is empty.</summary>
    public static IReadOnlyList<string> DefaultForwardHeaders { get; } =
        ["Authorization", "X-Api-Key", "x-functions-key", "Accept", "Accept-Language", "User-Agent"];

    /// <summary>Whether routing is on: a unit map is configured.</summary>
    public bool IsEnabled => Map.Count > 0;
}

/// <summary>One unit of the map.</summary>
public sealed class UnitOptions
{
    /// <summary>The unit's name (e.g. <c>shanghai</c>): part of every user's hash, so renaming a unit rehomes its users.</summary>
    public string Name { get; set; } = "";

    /// <summary>Where the unit's API is served (scheme, host, port and any path prefix before <c>/api</c>).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The unit's relative capacity: its expected share of users is its weight over the sum of the weights of the
    /// units that are not draining.</summary>
    /// <value>The default value is 1.</value>
    [Range(0.01, 1000.0)]
    public double Weight { get; set; } = 1.0;

    /// <summary><see cref="UnitState.Healthy"/> or <see cref="UnitState.Draining"/> (degraded is measured, not configured).</summary>
    /// <value>The default value is <see cref="UnitState.Healthy"/>.</value>
    public UnitState State { get; set; } = UnitState.Healthy;
}

/// <summary>What a unit does with a request for a user homed elsewhere.</summary>
public enum UnitRoutingMode
{
    /// <summary>Answers <c>307 Temporary Redirect</c> to the same path at the home unit (method and body kept).</summary>
    Redirect,

    /// <summary>Sends the request to the home unit itself and relays its answer.</summary>
    Forward,
}

/// <summary>A unit's state on the board.</summary>
public enum UnitState
{
    /// <summary>Takes new users' requests, answers its probe in time.</summary>
    Healthy,

    /// <summary>Configured as a home, but unreachable or slower than <see cref="UnitMapOptions.DegradedRoundTrip"/>.</summary>
    Degraded,

    /// <summary>Configured to be emptied: homes no user; its users are homed by the remaining units.</summary>
    Draining,
}
