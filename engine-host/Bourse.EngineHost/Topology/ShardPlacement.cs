namespace Bourse.EngineHost.Topology;

/// <summary>Where one shard's matching thread would run.</summary>
/// <param name="Shard">The shard's name.</param>
/// <param name="Cpu">Its configured CPU.</param>
/// <param name="Node">The CPU's NUMA node, or <see langword="null"/> when no node lists the CPU.</param>
/// <param name="Online">Whether the CPU is online.</param>
internal sealed record ShardPlacement(string Shard, int Cpu, int? Node, bool Online);
