using Bourse.EngineHost.Configuration;
using Bourse.EngineHost.Topology;

namespace Bourse.EngineHost.Tests.Topology;

public sealed class ShardLayoutValidatorTests
{
    [Fact]
    public void Two_shards_on_a_one_node_machine_are_accepted()
    {
        using SysfsTree tree = SysfsTree.OneNodeTwoCpus();

        ShardLayout layout = ShardLayoutValidator.Check(Options(("a", 0), ("b", 1)), NumaTopology.Read(tree.Root));

        Assert.True(layout.IsValid);
        Assert.Empty(layout.Problems);
        Assert.Equal([0], layout.Nodes);
        Assert.False(layout.SpansNodes);
        Assert.Equal([new ShardPlacement("a", 0, 0, true), new ShardPlacement("b", 1, 0, true)], layout.Placements);
        layout.ThrowIfInvalid();
    }

    [Theory]
    [InlineData(2, 3, 0)]
    [InlineData(5, 7, 1)]
    public void Shards_on_one_node_of_two_are_accepted(int cpuA, int cpuB, int node)
    {
        using SysfsTree tree = SysfsTree.TwoNodesInBlocks();

        ShardLayout layout = ShardLayoutValidator.Check(Options(("a", cpuA), ("b", cpuB)), NumaTopology.Read(tree.Root));

        Assert.True(layout.IsValid);
        Assert.Equal([node], layout.Nodes);
    }

    [Fact]
    public void Shards_spanning_nodes_are_refused_naming_shards_cpus_and_nodes()
    {
        using SysfsTree tree = SysfsTree.TwoNodesInBlocks();

        ShardLayout layout = ShardLayoutValidator.Check(Options(("a", 2), ("b", 3), ("c", 5)), NumaTopology.Read(tree.Root));

        Assert.False(layout.IsValid);
        ShardLayoutProblem problem = Assert.Single(layout.Problems);
        Assert.Equal(ShardLayoutProblemKind.SpansNumaNodes, problem.Kind);
        Assert.Equal(["a", "b", "c"], problem.Shards);
        Assert.Equal(
            "the shards span NUMA nodes 0, 1 (node 0: shard 'a' on CPU 2, shard 'b' on CPU 3; node 1: shard 'c' on CPU 5); put every shard's CPU on one node, or set EngineHost:AllowCrossNumaNode to true",
            problem.Message);
        var e = Assert.Throws<ShardLayoutException>(layout.ThrowIfInvalid);
        Assert.Contains(problem.Message, e.Message, StringComparison.Ordinal);
        Assert.Equal(layout.Problems, e.Problems);
    }

    [Fact]
    public void Interleaved_numbering_puts_neighbouring_cpus_on_different_nodes()
    {
        using SysfsTree tree = SysfsTree.TwoNodesInterleaved();
        NumaTopology topology = NumaTopology.Read(tree.Root);

        ShardLayout adjacent = ShardLayoutValidator.Check(Options(("a", 2), ("b", 3)), topology);
        ShardLayout even = ShardLayoutValidator.Check(Options(("a", 2), ("b", 4)), topology);

        Assert.Equal(ShardLayoutProblemKind.SpansNumaNodes, Assert.Single(adjacent.Problems).Kind);
        Assert.Contains("node 0: shard 'a' on CPU 2; node 1: shard 'b' on CPU 3", adjacent.Problems[0].Message, StringComparison.Ordinal);
        Assert.True(even.IsValid);
        Assert.Equal([0], even.Nodes);
    }

    [Fact]
    public void Spanning_nodes_is_accepted_with_AllowCrossNumaNode()
    {
        using SysfsTree tree = SysfsTree.TwoNodesInBlocks();
        EngineHostOptions options = Options(("a", 2), ("c", 5));
        options.AllowCrossNumaNode = true;

        ShardLayout layout = ShardLayoutValidator.Check(options, NumaTopology.Read(tree.Root));

        Assert.True(layout.IsValid);
        Assert.True(layout.SpansNodes);
        Assert.Equal([0, 1], layout.Nodes);
    }

    [Fact]
    public void An_offline_cpu_is_refused_even_with_AllowCrossNumaNode()
    {
        using SysfsTree tree = SysfsTree.TwoNodesCpu3Offline();
        EngineHostOptions options = Options(("a", 2), ("b", 3));
        options.AllowCrossNumaNode = true;

        ShardLayout layout = ShardLayoutValidator.Check(options, NumaTopology.Read(tree.Root));

        ShardLayoutProblem problem = Assert.Single(layout.Problems);
        Assert.Equal(ShardLayoutProblemKind.CpuOffline, problem.Kind);
        Assert.Equal(["b"], problem.Shards);
        Assert.Equal("shard 'b' is configured on CPU 3, which is offline (online CPUs: 0-2,4-7)", problem.Message);
        Assert.False(layout.Placements[1].Online);
    }

    [Fact]
    public void An_absent_cpu_is_refused()
    {
        using SysfsTree tree = SysfsTree.OneNodeTwoCpus();

        ShardLayout layout = ShardLayoutValidator.Check(Options(("a", 1), ("b", 8)), NumaTopology.Read(tree.Root));

        ShardLayoutProblem problem = Assert.Single(layout.Problems);
        Assert.Equal(ShardLayoutProblemKind.CpuAbsent, problem.Kind);
        Assert.Equal("shard 'b' is configured on CPU 8, which this machine does not have (its CPUs: 0-1)", problem.Message);
        Assert.Null(layout.Placements[1].Node);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        using SysfsTree tree = SysfsTree.TwoNodesCpu3Offline();

        ShardLayout layout = ShardLayoutValidator.Check(Options(("a", 3), ("b", 9), ("c", 1), ("d", 6)), NumaTopology.Read(tree.Root));

        Assert.Equal(
            [ShardLayoutProblemKind.CpuOffline, ShardLayoutProblemKind.CpuAbsent, ShardLayoutProblemKind.SpansNumaNodes],
            layout.Problems.Select(p => p.Kind));
    }

    private static EngineHostOptions Options(params (string Name, int Cpu)[] shards)
    {
        var options = new EngineHostOptions();
        for (int i = 0; i < shards.Length; i++)
        {
            options.Instruments.Add(new InstrumentConfig { Id = i + 1, Symbol = $"S{i + 1}" });
            var shard = new ShardConfig { Name = shards[i].Name, Cpu = shards[i].Cpu };
            shard.Instruments.Add(i + 1);
            options.Shards.Add(shard);
        }

        return options;
    }
}
