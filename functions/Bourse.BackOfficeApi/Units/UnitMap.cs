namespace Bourse.BackOfficeApi.Units;

/// <summary>One unit of the map as the router and the board use it.</summary>
/// <param name="Name">The unit's name (hashed with every user).</param>
/// <param name="BaseUrl">Where its API is served.</param>
/// <param name="Weight">Its relative capacity.</param>
/// <param name="State">Its configured state: healthy or draining.</param>
public sealed record UnitEntry(string Name, Uri BaseUrl, double Weight, UnitState State)
{
    /// <summary>Whether the unit may be a user's home.</summary>
    public bool TakesUsers => State != UnitState.Draining;

    /// <summary>The URL of <paramref name="pathAndQuery"/> (from <c>/api</c> on) at this unit, below any path prefix of
    /// <see cref="BaseUrl"/>.</summary>
    public Uri UrlOf(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        return new Uri(BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + pathAndQuery.TrimStart('/'));
    }
}

/// <summary>
/// The configured units and the home of every user among them (<see cref="RendezvousHash"/> over the units that are not
/// draining). Draining a unit is removing it for new homes: its users, and only they, move to their runner-up unit; when
/// it stops draining, exactly they move back. Homes depend on the configuration alone, never on probes: two units that
/// see different health must still agree on every home, or the same user's orders would be served in two places.
/// </summary>
public sealed class UnitMap
{
    private readonly UnitEntry[] _homes;
    private readonly double _totalWeight;

    /// <summary>The map of <paramref name="options"/> (validated by <see cref="UnitMapOptionsValidator"/>).</summary>
    public UnitMap(UnitMapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Units = [.. options.Map.Select(u => new UnitEntry(u.Name, u.BaseUrl!, u.Weight, u.State))];
        // Ordinal name order: an exact tie of scores goes to the same unit whatever order the configuration lists them in.
        _homes = [.. Units.Where(u => u.TakesUsers).OrderBy(u => u.Name, StringComparer.Ordinal)];
        _totalWeight = _homes.Sum(u => u.Weight);
        Self = options.IsEnabled ? Units.Single(u => string.Equals(u.Name, options.Self, StringComparison.Ordinal)) : null;
    }

    /// <summary>Every unit, in configuration order.</summary>
    public IReadOnlyList<UnitEntry> Units { get; }

    /// <summary>This unit; <see langword="null"/> when no map is configured (routing off).</summary>
    public UnitEntry? Self { get; }

    /// <summary>Whether routing is on.</summary>
    public bool IsEnabled => Self is not null;

    /// <summary>The home unit of <paramref name="userId"/> in <paramref name="regionCode"/>.</summary>
    /// <exception cref="InvalidOperationException">No map is configured.</exception>
    public UnitEntry HomeOf(string? regionCode, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (_homes.Length == 0)
        {
            throw new InvalidOperationException("No unit map is configured.");
        }

        var region = RegionKey(regionCode);
        var best = _homes[0];
        double bestScore = double.NegativeInfinity;
        foreach (var unit in _homes)
        {
            double score = RendezvousHash.Score(RendezvousHash.Hash(region, userId, unit.Name), unit.Weight);
            if (score > bestScore)
            {
                (best, bestScore) = (unit, score);
            }
        }

        return best;
    }

    /// <summary>The share of users homed at <paramref name="unit"/>, from the weights alone (the exact expectation of the
    /// weighted rendezvous hash): its weight over the total of the units that are not draining; 0 when it drains.</summary>
    public double ExpectedShareOf(UnitEntry unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.TakesUsers && _totalWeight > 0 ? unit.Weight / _totalWeight : 0.0;
    }

    /// <summary>The region as hashed: trimmed, upper case (<c>sh</c> and <c>SH</c> are one region); none is empty.</summary>
    public static string RegionKey(string? regionCode) => regionCode?.Trim().ToUpperInvariant() ?? "";
}
