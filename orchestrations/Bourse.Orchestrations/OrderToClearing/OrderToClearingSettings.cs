namespace Bourse.Orchestrations.OrderToClearing;

/// <summary>
/// The saga's knobs. They travel in the input (the orchestrator reads no configuration: it must replay the same way);
/// the starter copies them from its configuration (section <see cref="SectionName"/>).
/// </summary>
public sealed record OrderToClearingSettings
{
    /// <summary>The configuration section a host binds these from.</summary>
    public const string SectionName = "OrderToClearing";

    /// <summary>After this many external events (execution reports and cancel requests) in one generation, the saga
    /// continues as new with its state, so a long order's history stays bounded.</summary>
    /// <value>The default value is 200.</value>
    public int HistoryEventLimit { get; init; } = 200;

    /// <summary>How long the saga waits for the engine's final report after it cancelled the order (expiry, user cancel)
    /// or after a cancel report that leaves fills outstanding, counted from the last report it received; then it gives up
    /// and compensates. Generous, because giving up while a fill is still on its way leaves that fill to reconciliation
    /// as a break: under load the path engine → hub → relay → saga can take a minute.</summary>
    /// <value>The default value is 2 minutes.</value>
    public TimeSpan ReportWaitTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts of an activity (the first included) on transient failures.</summary>
    /// <value>The default value is 5.</value>
    public int ActivityMaxAttempts { get; init; } = 5;

    /// <summary>The delay before the first retry; each next one is <see cref="ActivityBackoffCoefficient"/> times longer.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan ActivityFirstRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The exponential backoff factor.</summary>
    /// <value>The default value is 2.</value>
    public double ActivityBackoffCoefficient { get; init; } = 2;

    /// <summary>The longest delay between two attempts.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan ActivityMaxRetryInterval { get; init; } = TimeSpan.FromMinutes(1);
}
