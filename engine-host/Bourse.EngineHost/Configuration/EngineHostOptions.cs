using System.ComponentModel.DataAnnotations;

namespace Bourse.EngineHost.Configuration;

/// <summary>
/// The engine host's configuration: section <c>EngineHost</c> of <c>appsettings.json</c>, overridden by environment
/// variables (<c>EngineHost__Shards__0__Cpu=3</c>). Each property states its own rules; the rules that span several
/// (ids unique, every instrument in exactly one shard, CPUs distinct) are in <see cref="EngineHostOptionsValidator"/>.
/// </summary>
internal sealed class EngineHostOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "EngineHost";

    /// <summary>The instruments this host matches, each in exactly one of <see cref="Shards"/>.</summary>
    /// <value>No default: at least one instrument.</value>
    public IList<InstrumentConfig> Instruments { get; } = [];

    /// <summary>The matching threads: one per shard, each with its instruments and its CPU.</summary>
    /// <value>No default: at least one shard.</value>
    public IList<ShardConfig> Shards { get; } = [];

    /// <summary>
    /// Whether the shards' CPUs may lie on more than one NUMA node. A host belongs on one node (its threads and its
    /// memory, see <c>engine-host/deploy/launch.sh</c>); a layout across nodes is refused unless this is set.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowCrossNumaNode { get; set; }

    /// <summary>Where the command journal and snapshots live; relative paths are relative to the working directory.</summary>
    /// <value>The default value is <c>journal</c>.</value>
    [Required(ErrorMessage = "is required (a directory for the command journal)")]
    public string JournalDirectory { get; set; } = "journal";

    /// <summary>How the command journal is made durable: when records are written and fsynced.</summary>
    /// <value>The defaults of <see cref="JournalOptions"/>: an fsync per ring batch, nothing acknowledged is lost.</value>
    public JournalOptions Journal { get; set; } = new();

    /// <summary>Where executions and book updates are published.</summary>
    /// <value>The defaults of <see cref="EventHubsOptions"/>.</value>
    public EventHubsOptions EventHubs { get; set; } = new();

    /// <summary>OpenTelemetry export of the host's metrics and traces.</summary>
    /// <value>The defaults of <see cref="TelemetryOptions"/>: nothing exported.</value>
    public TelemetryOptions Telemetry { get; set; } = new();

    /// <summary>Orders sent through a throwaway host before the real one opens.</summary>
    /// <value>The defaults of <see cref="WarmUpOptions"/>: none.</value>
    public WarmUpOptions WarmUp { get; set; } = new();

    /// <summary>The order-entry (gRPC) endpoint and its certificates.</summary>
    /// <value>The defaults of <see cref="OrderEntryOptions"/>.</value>
    public OrderEntryOptions OrderEntry { get; set; } = new();
}
