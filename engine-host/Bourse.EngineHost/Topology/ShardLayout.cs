namespace Bourse.EngineHost.Topology;

/// <summary>The result of <see cref="ShardLayoutValidator.Check"/>: each shard's CPU and node, and what is wrong.</summary>
internal sealed class ShardLayout(IReadOnlyList<ShardPlacement> placements, IReadOnlyList<ShardLayoutProblem> problems)
{
    /// <summary>The shards in configuration order.</summary>
    public IReadOnlyList<ShardPlacement> Placements { get; } = placements;

    /// <summary>Why the layout is refused; empty when it is accepted.</summary>
    public IReadOnlyList<ShardLayoutProblem> Problems { get; } = problems;

    public bool IsValid => Problems.Count == 0;

    /// <summary>The NUMA nodes the shards' CPUs are on, ascending.</summary>
    public IReadOnlyList<int> Nodes { get; } = [.. placements.Where(p => p.Node is not null).Select(p => p.Node!.Value).Distinct().Order()];

    /// <summary>Whether the shards are on more than one node (accepted only with <c>AllowCrossNumaNode</c>).</summary>
    public bool SpansNodes => Nodes.Count > 1;

    /// <exception cref="ShardLayoutException">The layout is refused; the exception lists every problem.</exception>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ShardLayoutException(this);
        }
    }
}
