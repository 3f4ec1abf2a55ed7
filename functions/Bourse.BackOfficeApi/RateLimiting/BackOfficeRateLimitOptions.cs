using System.ComponentModel.DataAnnotations;

namespace Bourse.BackOfficeApi.RateLimiting;

/// <summary>The per-client token bucket: section <c>BackOfficeApi:RateLimit</c>.</summary>
public sealed class BackOfficeRateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = BackOfficeApiOptions.SectionName + ":RateLimit";

    /// <summary>The bucket's size: the burst a client may send at once.</summary>
    /// <value>The default value is 50.</value>
    [Range(1, 100_000)]
    public int TokenLimit { get; set; } = 50;

    /// <summary>The tokens added each <see cref="ReplenishmentPeriod"/>.</summary>
    /// <value>The default value is 25.</value>
    [Range(1, 100_000)]
    public int TokensPerPeriod { get; set; } = 25;

    /// <summary>How often tokens are added.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
