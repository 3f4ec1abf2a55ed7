using System.ComponentModel.DataAnnotations;
using Bourse.EngineHost.Topology;

namespace Bourse.EngineHost.Configuration;

/// <summary>One matching thread as configured: the instruments whose books it owns and the CPU it is pinned to.
/// <see cref="EngineHostShards.ToShardOptions"/> makes a <see cref="Sharding.ShardOptions"/> of it.</summary>
internal sealed class ShardConfig
{
    /// <summary>The shard's name, used in its matching thread's name (<c>M:NAME</c>), logs and metrics: letters, digits,
    /// <c>.</c>, <c>_</c> and <c>-</c>, up to 32.</summary>
    /// <value>No default: unique among the shards.</value>
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[A-Za-z0-9._-]{1,32}$", ErrorMessage = "must be 1 to 32 letters, digits, '.', '_' or '-'")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The ids of the instruments this shard matches, each one of <see cref="EngineHostOptions.Instruments"/>.</summary>
    /// <value>No default: at least one.</value>
    [MinLength(1, ErrorMessage = "must list at least one instrument id")]
    public IList<int> Instruments { get; } = [];

    /// <summary>The CPU the shard's matching thread is pinned to: online, not shared with another shard, and on the
    /// same NUMA node as the other shards' (see <see cref="EngineHostOptions.AllowCrossNumaNode"/>).</summary>
    /// <value>No default: a missing value reads as -1 and is refused.</value>
    [Range(0, CpuAffinity.MaxCpus - 1, ErrorMessage = "must be a CPU id from 0 to 1023")]
    public int Cpu { get; set; } = -1;
}
