namespace Bourse.EngineHost.Topology;

/// <summary>Why a shard layout is refused.</summary>
internal enum ShardLayoutProblemKind
{
    /// <summary>A shard's CPU is not on this machine.</summary>
    CpuAbsent,

    /// <summary>A shard's CPU is on this machine but offline.</summary>
    CpuOffline,

    /// <summary>The shards' CPUs lie on more than one NUMA node and <c>AllowCrossNumaNode</c> is not set.</summary>
    SpansNumaNodes,
}
