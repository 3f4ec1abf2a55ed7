using System.ComponentModel.DataAnnotations;

namespace Bourse.BackOfficeApi;

/// <summary>The API's settings: section <c>BackOfficeApi</c>.</summary>
public sealed class BackOfficeApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "BackOfficeApi";

    /// <summary>The largest request body taken, in bytes; a larger one is a 400 on <c>body</c>.</summary>
    /// <value>The default value is 16384.</value>
    [Range(256, 1_048_576)]
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>The instruments a reconciliation covers when the request (or the timer) names none.</summary>
    public IList<int> ReconciliationInstrumentIds { get; } = [];

    /// <summary>How far back the scheduled reconciliation looks (its window ends at the scheduled time).</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan ReconciliationLookback { get; set; } = TimeSpan.FromHours(1);
}
