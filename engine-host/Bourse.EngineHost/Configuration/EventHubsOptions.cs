using System.ComponentModel.DataAnnotations;

namespace Bourse.EngineHost.Configuration;

/// <summary>The Event Hubs namespace and hubs that executions and L2 book updates are published to.</summary>
internal sealed class EventHubsOptions
{
    // Event Hubs' rule for a hub name: 1 to 256 letters, digits, '.', '_' and '-', starting and ending with a letter
    // or a digit.
    private const string HubNamePattern = "^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,254}[A-Za-z0-9])?$";
    private const string HubNameMessage = "must be 1 to 256 letters, digits, '.', '_' or '-', starting and ending with a letter or digit";

    /// <summary>
    /// The namespace's connection string (<c>Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…</c>). A secret:
    /// set it in the environment (<c>EngineHost__EventHubs__ConnectionString</c>, from the systemd unit's
    /// environment file), never in <c>appsettings.json</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (not configured).</value>
    [RegularExpression("^Endpoint=sb://.+", ErrorMessage = "must start with 'Endpoint=sb://'")]
    public string? ConnectionString { get; set; }

    /// <summary>The hub for execution reports (partition key: instrument).</summary>
    /// <value>The default value is <c>executions</c>.</value>
    [Required(ErrorMessage = "is required")]
    [RegularExpression(HubNamePattern, ErrorMessage = HubNameMessage)]
    public string ExecutionsHubName { get; set; } = "executions";

    /// <summary>The hub for L2 book updates (partition key: instrument).</summary>
    /// <value>The default value is <c>book-updates</c>.</value>
    [Required(ErrorMessage = "is required")]
    [RegularExpression(HubNamePattern, ErrorMessage = HubNameMessage)]
    public string BookUpdatesHubName { get; set; } = "book-updates";
}
