using Bourse.EngineHost.Configuration;

namespace Bourse.EngineHost.Topology;

/// <summary>
/// Checks the shards' CPUs against the machine: each CPU present and online, and all of them on one NUMA node unless
/// <see cref="EngineHostOptions.AllowCrossNumaNode"/> is set. A host is bound to one node (threads and memory, see
/// <c>engine-host/deploy/launch.sh</c>); a matching thread on another node would reach its books, rings and pools
/// across the interconnect on every command.
/// </summary>
internal static class ShardLayoutValidator
{
    public static ShardLayout Check(EngineHostOptions options, NumaTopology topology)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topology);
        var placements = options.Shards
            .Select(s => new ShardPlacement(s.Name, s.Cpu, topology.NodeOf(s.Cpu), topology.IsOnline(s.Cpu)))
            .ToList();
        var problems = new List<ShardLayoutProblem>();
        string online = CpuList.Format(topology.OnlineCpus);
        foreach (ShardPlacement p in placements)
        {
            if (!topology.IsPresent(p.Cpu))
            {
                problems.Add(new(ShardLayoutProblemKind.CpuAbsent, [p.Shard],
                    $"shard '{p.Shard}' is configured on CPU {p.Cpu}, which this machine does not have (its CPUs: {CpuList.Format(topology.PresentCpus)})"));
            }
            else if (!p.Online)
            {
                problems.Add(new(ShardLayoutProblemKind.CpuOffline, [p.Shard],
                    $"shard '{p.Shard}' is configured on CPU {p.Cpu}, which is offline (online CPUs: {online})"));
            }
        }

        var byNode = placements.Where(p => p.Node is not null).GroupBy(p => p.Node!.Value).OrderBy(g => g.Key).ToList();
        if (byNode.Count > 1 && !options.AllowCrossNumaNode)
        {
            string nodes = string.Join("; ", byNode.Select(g =>
                $"node {g.Key}: " + string.Join(", ", g.Select(p => $"shard '{p.Shard}' on CPU {p.Cpu}"))));
            problems.Add(new(ShardLayoutProblemKind.SpansNumaNodes, [.. byNode.SelectMany(g => g.Select(p => p.Shard))],
                $"the shards span NUMA nodes {string.Join(", ", byNode.Select(g => g.Key))} ({nodes}); put every shard's CPU on one node, or set {EngineHostOptions.SectionName}:{nameof(EngineHostOptions.AllowCrossNumaNode)} to true"));
        }

        return new ShardLayout(placements, problems);
    }
}
