namespace Bourse.Domain.Risk.Configuration;

/// <summary>
/// AML structuring: a customer splitting money into transactions just below a large-value threshold. A transaction is
/// "just below" when it is under the threshold that governs it by at most <see cref="BandPercent"/> percent; when this
/// transaction is just below and, with it, at least <see cref="MinCount"/> of the customer's transactions within
/// <see cref="Window"/> are, it is flagged.
/// </summary>
public sealed class StructuringOptions
{
    /// <summary>Whether the rule runs.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>How far below a threshold (percent of it) still counts as just below: 10 means [90%, 100%).</summary>
    /// <value>The default value is 10; more than 0 and less than 100.</value>
    public decimal BandPercent { get; set; } = 10m;

    /// <summary>How many just-below transactions (this one included) within the window make a flag.</summary>
    /// <value>The default value is 3; at least 2.</value>
    public int MinCount { get; set; } = 3;

    /// <summary>How far back to look: transactions after <c>now - Window</c> count.</summary>
    /// <value>The default value is 24 hours; more than zero and at most 31 days.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);
}
