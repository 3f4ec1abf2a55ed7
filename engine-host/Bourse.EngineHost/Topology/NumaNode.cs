namespace Bourse.EngineHost.Topology;

/// <summary>One NUMA node as sysfs shows it.</summary>
/// <param name="Id">N of <c>nodeN</c>.</param>
/// <param name="Cpus">The node's CPUs (<c>nodeN/cpulist</c>), ascending; empty for a node with memory only.</param>
/// <param name="Distances">The node's distances to each node in order of id (<c>nodeN/distance</c>; 10 is local), or
/// empty where the file is missing.</param>
internal sealed record NumaNode(int Id, IReadOnlyList<int> Cpus, IReadOnlyList<int> Distances);
