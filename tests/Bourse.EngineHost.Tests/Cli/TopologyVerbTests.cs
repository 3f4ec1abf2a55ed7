using System.Text.Json;
using Bourse.EngineHost.Cli;
using Bourse.EngineHost.Tests.Configuration;
using Bourse.EngineHost.Tests.Topology;

namespace Bourse.EngineHost.Tests.Cli;

public sealed class TopologyVerbTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-topology-");
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    [Fact]
    public void Prints_the_nodes_their_cpus_and_distances()
    {
        using SysfsTree tree = SysfsTree.TwoNodesInBlocks();

        int exitCode = Run("topology", "--sysfs", tree.Root);

        Assert.Equal(0, exitCode);
        string[] lines = Lines();
        Assert.Equal($"topology: {tree.Root} (NUMA nodes from sysfs)", lines[0]);
        Assert.Equal("  CPUs online 0-7, present 0-7", lines[1]);
        Assert.Equal("  node 0: CPUs 0-3, distances 10 21", lines[2]);
        Assert.Equal("  node 1: CPUs 4-7, distances 21 10", lines[3]);
        Assert.StartsWith("  this process may run on CPUs ", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("runtime: .NET ", lines[5], StringComparison.Ordinal);
        Assert.Equal(6, lines.Length);
        Assert.Empty(_stderr.ToString());
    }

    [Fact]
    public void Checks_the_layout_of_a_configuration_and_accepts_it()
    {
        using SysfsTree tree = SysfsTree.TwoNodesInterleaved();
        string config = Config(cpu0: 4, cpu1: 6);

        int exitCode = Run("topology", "--sysfs", tree.Root, "--config", config);

        Assert.Equal(0, exitCode);
        string[] lines = Lines();
        Assert.Equal(
            [
                $"layout: {config}: accepted, on node 0",
                "  shard shard0: CPU 4, node 0; instruments 600519,601318",
                "  shard shard1: CPU 6, node 0; instruments 600036,1",
            ],
            lines[^3..]);
    }

    [Fact]
    public void A_layout_across_nodes_is_refused_with_exit_code_1_naming_shards_and_nodes()
    {
        using SysfsTree tree = SysfsTree.TwoNodesInterleaved();
        string config = Config(cpu0: 2, cpu1: 3);

        int exitCode = Run("topology", "--sysfs", tree.Root, "--config", config);

        Assert.Equal(1, exitCode);
        Assert.Equal(
            [
                $"layout: {config}: refused",
                "  shard shard0: CPU 2, node 0; instruments 600519,601318",
                "  shard shard1: CPU 3, node 1; instruments 600036,1",
                "  - the shards span NUMA nodes 0, 1 (node 0: shard 'shard0' on CPU 2; node 1: shard 'shard1' on CPU 3); put every shard's CPU on one node, or set EngineHost:AllowCrossNumaNode to true",
            ],
            Lines()[^4..]);
    }

    [Fact]
    public void Offline_and_absent_cpus_are_marked()
    {
        using SysfsTree tree = SysfsTree.TwoNodesCpu3Offline();

        int exitCode = Run("topology", "--sysfs", tree.Root, "--config", Config(cpu0: 3, cpu1: 12));

        Assert.Equal(1, exitCode);
        string text = _stdout.ToString();
        Assert.Contains("  shard shard0: CPU 3, node 0, offline; instruments 600519,601318", text, StringComparison.Ordinal);
        Assert.Contains("  shard shard1: CPU 12, no node, absent; instruments 600036,1", text, StringComparison.Ordinal);
        Assert.Contains("  - shard 'shard0' is configured on CPU 3, which is offline (online CPUs: 0-2,4-7)", text, StringComparison.Ordinal);
        Assert.Contains("  - shard 'shard1' is configured on CPU 12, which this machine does not have (its CPUs: 0-7)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_the_nodes_the_runtime_and_the_layout()
    {
        using SysfsTree tree = SysfsTree.TwoNodesInBlocks();

        int exitCode = Run("topology", "--sysfs", tree.Root, "--config", Config(cpu0: 2, cpu1: 5), "--json");

        Assert.Equal(1, exitCode);
        using JsonDocument json = JsonDocument.Parse(_stdout.ToString());
        JsonElement root = json.RootElement;
        Assert.Equal(tree.Root, root.GetProperty("sysfs").GetString());
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], Ints(root.GetProperty("onlineCpus")));
        Assert.Equal([4, 5, 6, 7], Ints(root.GetProperty("nodes")[1].GetProperty("cpus")));
        Assert.Equal([21, 10], Ints(root.GetProperty("nodes")[1].GetProperty("distances")));
        Assert.Equal(JsonValueKind.False, root.GetProperty("runtime").GetProperty("serverGc").ValueKind);
        JsonElement layout = root.GetProperty("layout");
        Assert.False(layout.GetProperty("valid").GetBoolean());
        Assert.Equal([0, 1], Ints(layout.GetProperty("nodes")));
        Assert.Equal(1, layout.GetProperty("shards")[1].GetProperty("node").GetInt32());
        Assert.Equal([600036, 1], Ints(layout.GetProperty("shards")[1].GetProperty("instruments")));
        JsonElement problem = Assert.Single(layout.GetProperty("problems").EnumerateArray());
        Assert.Equal("spansNumaNodes", problem.GetProperty("kind").GetString());
        Assert.Equal(["shard0", "shard1"], problem.GetProperty("shards").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public void Json_without_a_configuration_has_no_layout()
    {
        using SysfsTree tree = SysfsTree.OneNodeTwoCpus();

        int exitCode = Run("topology", "--sysfs", tree.Root, "--json");

        Assert.Equal(0, exitCode);
        using JsonDocument json = JsonDocument.Parse(_stdout.ToString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("layout").ValueKind);
        Assert.Equal(0, json.RootElement.GetProperty("nodes")[0].GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData(4, 6, false, "0")]
    [InlineData(5, 7, false, "1")]
    [InlineData(4, 5, true, "0,1")]
    public void Print_node_prints_the_layouts_nodes_only(int cpu0, int cpu1, bool allowCross, string expected)
    {
        using SysfsTree tree = SysfsTree.TwoNodesInterleaved();

        int exitCode = Run("topology", "--sysfs", tree.Root, "--config", Config(cpu0, cpu1, allowCross), "--print-node");

        Assert.Equal(0, exitCode);
        Assert.Equal(expected + Environment.NewLine, _stdout.ToString());
    }

    [Fact]
    public void Print_node_of_a_refused_layout_exits_1_and_prints_the_problems_on_stderr()
    {
        using SysfsTree tree = SysfsTree.TwoNodesInterleaved();

        int exitCode = Run("topology", "--sysfs", tree.Root, "--config", Config(cpu0: 4, cpu1: 5), "--print-node");

        Assert.Equal(1, exitCode);
        Assert.Empty(_stdout.ToString());
        Assert.Contains("the shard layout is refused:", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("the shards span NUMA nodes 0, 1", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_configuration_exits_1_listing_its_failures()
    {
        using SysfsTree tree = SysfsTree.OneNodeTwoCpus();

        int exitCode = Run("topology", "--sysfs", tree.Root, "--config", Config(cpu0: 1, cpu1: 1));

        Assert.Equal(1, exitCode);
        Assert.Empty(_stdout.ToString());
        Assert.Contains("the configuration is refused:", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("  - EngineHost:Shards:1:Cpu 1 is also the CPU of EngineHost:Shards:0", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_configuration_file_exits_1()
    {
        using SysfsTree tree = SysfsTree.OneNodeTwoCpus();
        string missing = Path.Combine(_directory.FullName, "missing.json");

        int exitCode = Run("topology", "--sysfs", tree.Root, "--config", missing);

        Assert.Equal(1, exitCode);
        Assert.Contains($"bourse-engine topology: cannot read '{missing}'", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_sysfs_exits_1_saying_what_is_missing()
    {
        int exitCode = Run("topology", "--sysfs", _directory.FullName);

        Assert.Equal(1, exitCode);
        Assert.Contains($"bourse-engine topology: no CPU information under '{_directory.FullName}'", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--json", "--print-node", "--config", "x" }, "--json and --print-node exclude each other")]
    [InlineData(new[] { "--print-node" }, "--print-node needs --config")]
    [InlineData(new[] { "--sysfs" }, "option --sysfs needs a value")]
    [InlineData(new[] { "--numa" }, "unknown option --numa")]
    public void A_bad_command_line_exits_2(string[] args, string message)
    {
        int exitCode = Run(["topology", .. args]);

        Assert.Equal(2, exitCode);
        Assert.Contains($"bourse-engine topology: {message}", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_verb_is_listed_and_has_help()
    {
        Assert.Equal(0, Run("--help"));
        Assert.Contains("  topology  print the NUMA nodes and CPUs", _stdout.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, Run("topology", "--help"));
        Assert.Contains("usage: bourse-engine topology [--sysfs DIR] [--config FILE] [--json | --print-node]", _stdout.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
        _directory.Delete(recursive: true);
    }

    private int Run(params string[] args) => CommandLine.Run(args, _stdout, _stderr);

    private string[] Lines() => _stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    /// <summary>The sample settings with the shards on <paramref name="cpu0"/> and <paramref name="cpu1"/>.</summary>
    private string Config(int cpu0, int cpu1, bool allowCrossNumaNode = false)
    {
        string text = File.ReadAllText(EngineHostOptionsTests.RepositoryFile("engine-host/Bourse.EngineHost/appsettings.json"))
            .Replace("[ 600519, 601318 ], \"Cpu\": 0", $"[ 600519, 601318 ], \"Cpu\": {cpu0}", StringComparison.Ordinal)
            .Replace("[ 600036, 1 ], \"Cpu\": 1", $"[ 600036, 1 ], \"Cpu\": {cpu1}", StringComparison.Ordinal)
            .Replace("\"AllowCrossNumaNode\": false", $"\"AllowCrossNumaNode\": {(allowCrossNumaNode ? "true" : "false")}", StringComparison.Ordinal);
        string path = Path.Combine(_directory.FullName, $"appsettings-{cpu0}-{cpu1}-{allowCrossNumaNode}.json");
        File.WriteAllText(path, text);
        return path;
    }
}
