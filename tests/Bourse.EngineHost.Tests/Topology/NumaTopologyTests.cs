using Bourse.EngineHost.Topology;

namespace Bourse.EngineHost.Tests.Topology;

public sealed class NumaTopologyTests
{
    [Fact]
    public void One_node_with_two_cpus()
    {
        using SysfsTree tree = SysfsTree.OneNodeTwoCpus();

        NumaTopology topology = NumaTopology.Read(tree.Root);

        NumaNode node = Assert.Single(topology.Nodes);
        Assert.Equal(0, node.Id);
        Assert.Equal([0, 1], node.Cpus);
        Assert.Equal([10], node.Distances);
        Assert.Equal([0, 1], topology.OnlineCpus);
        Assert.True(topology.HasNodeDirectory);
        Assert.Equal(0, topology.NodeOf(1));
        Assert.Null(topology.NodeOf(2));
    }

    [Fact]
    public void Two_nodes_in_blocks()
    {
        using SysfsTree tree = SysfsTree.TwoNodesInBlocks();

        NumaTopology topology = NumaTopology.Read(tree.Root);

        Assert.Equal([0, 1], topology.Nodes.Select(n => n.Id));
        Assert.Equal([0, 1, 2, 3], topology.Nodes[0].Cpus);
        Assert.Equal([4, 5, 6, 7], topology.Nodes[1].Cpus);
        Assert.Equal([21, 10], topology.Nodes[1].Distances);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], Enumerable.Range(0, 8).Select(c => topology.NodeOf(c)));
    }

    [Fact]
    public void Two_nodes_interleaved()
    {
        using SysfsTree tree = SysfsTree.TwoNodesInterleaved();

        NumaTopology topology = NumaTopology.Read(tree.Root);

        Assert.Equal([0, 2, 4, 6], topology.Nodes[0].Cpus);
        Assert.Equal([1, 3, 5, 7], topology.Nodes[1].Cpus);
        Assert.Equal([0, 1, 0, 1, 0, 1, 0, 1], Enumerable.Range(0, 8).Select(c => topology.NodeOf(c)));
    }

    [Fact]
    public void An_offline_cpu_is_present_but_not_online()
    {
        using SysfsTree tree = SysfsTree.TwoNodesCpu3Offline();

        NumaTopology topology = NumaTopology.Read(tree.Root);

        Assert.Equal([0, 1, 2, 4, 5, 6, 7], topology.OnlineCpus);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], topology.PresentCpus);
        Assert.False(topology.IsOnline(3));
        Assert.True(topology.IsPresent(3));
        Assert.False(topology.IsPresent(8));
    }

    [Fact]
    public void Nodes_are_ordered_by_id_and_other_entries_of_the_node_directory_are_ignored()
    {
        using var tree = new SysfsTree();
        tree.Node(10, "2-3").Node(2, "0-1").Online("0-3")
            .WriteFile("devices/system/node/online", "2,10\n")
            .WriteFile("devices/system/node/has_cpu", "2,10\n")
            .WriteFile("devices/system/node/power/async", "disabled\n");

        NumaTopology topology = NumaTopology.Read(tree.Root);

        Assert.Equal([2, 10], topology.Nodes.Select(n => n.Id));
        Assert.Empty(topology.Nodes[0].Distances);
    }

    [Fact]
    public void A_node_with_memory_only_has_no_cpus()
    {
        using var tree = new SysfsTree();
        tree.Node(0, "0-1", "10 20").Node(1, "", "20 10").Online("0-1");

        NumaTopology topology = NumaTopology.Read(tree.Root);

        Assert.Empty(topology.Nodes[1].Cpus);
    }

    [Fact]
    public void Without_a_node_directory_the_machine_is_one_node_of_the_online_cpus()
    {
        using var tree = new SysfsTree();
        tree.Online("0-5");

        NumaTopology topology = NumaTopology.Read(tree.Root);

        Assert.False(topology.HasNodeDirectory);
        NumaNode node = Assert.Single(topology.Nodes);
        Assert.Equal([0, 1, 2, 3, 4, 5], node.Cpus);
    }

    [Fact]
    public void Without_an_online_file_every_cpu_of_the_nodes_counts_as_online()
    {
        using var tree = new SysfsTree();
        tree.Node(0, "0-1").Node(1, "2-3");

        NumaTopology topology = NumaTopology.Read(tree.Root);

        Assert.Equal([0, 1, 2, 3], topology.OnlineCpus);
    }

    [Fact]
    public void A_tree_with_neither_nodes_nor_cpus_is_an_error_naming_both()
    {
        using var tree = new SysfsTree();

        var e = Assert.Throws<NumaTopologyException>(() => NumaTopology.Read(tree.Root));

        Assert.Contains(Path.Combine(tree.Root, "devices", "system", "node"), e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(tree.Root, "devices", "system", "cpu", "online"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_cpulist_is_an_error_naming_the_file_and_quoting_it()
    {
        using var tree = new SysfsTree();
        tree.Node(0, "0-1").Node(1, "2-x").Online("0-3");

        var e = Assert.Throws<NumaTopologyException>(() => NumaTopology.Read(tree.Root));

        Assert.Equal($"{Path.Combine(tree.Root, "devices", "system", "node", "node1", "cpulist")}: '2-x' is not a CPU list like 0-3,8-11: 'x' is not a CPU id", e.Message);
    }

    [Fact]
    public void A_malformed_distance_is_an_error_naming_the_file()
    {
        using var tree = new SysfsTree();
        tree.Node(0, "0-1", "10 twenty").Online("0-1");

        var e = Assert.Throws<NumaTopologyException>(() => NumaTopology.Read(tree.Root));

        Assert.StartsWith(Path.Combine(tree.Root, "devices", "system", "node", "node0", "distance"), e.Message, StringComparison.Ordinal);
        Assert.Contains("'10 twenty'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cpu_in_two_nodes_is_an_error()
    {
        using var tree = new SysfsTree();
        tree.Node(0, "0-2").Node(1, "2-3").Online("0-3");

        var e = Assert.Throws<NumaTopologyException>(() => NumaTopology.Read(tree.Root));

        Assert.Contains("CPU 2 is in node 0 and node 1", e.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void Reads_this_machine()
    {
        NumaTopology topology = NumaTopology.Read();

        Assert.NotEmpty(topology.Nodes);
        Assert.NotEmpty(topology.OnlineCpus);
        Assert.All(topology.OnlineCpus, cpu => Assert.True(topology.IsPresent(cpu)));
    }
}
