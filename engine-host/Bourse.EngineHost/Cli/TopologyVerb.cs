using System.Globalization;
using System.Runtime;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bourse.EngineHost.Configuration;
using Bourse.EngineHost.Topology;
using Microsoft.Extensions.Options;

namespace Bourse.EngineHost.Cli;

/// <summary><c>topology [--sysfs DIR] [--config FILE] [--json | --print-node]</c>: what the host sees of the machine.</summary>
internal static class TopologyVerb
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Verb Verb { get; } = new(
        "topology",
        "print the NUMA nodes and CPUs, and check a configuration's shard layout against them",
        """
        usage: bourse-engine topology [--sysfs DIR] [--config FILE] [--json | --print-node]

        Prints the NUMA nodes, their CPUs and distances as sysfs shows them, the CPUs this process may run on, and the
        GC and JIT settings the runtime started with. With --config, checks the shard layout of the configuration
        (FILE, then EngineHost__* environment variables, as the host reads them): every shard's CPU present and online,
        all on one NUMA node unless AllowCrossNumaNode. Exits 1 if the configuration or the layout is refused.

          --sysfs DIR    where sysfs is mounted (default /sys); reads DIR/devices/system/node and DIR/devices/system/cpu
          --config FILE  an engine host settings file (appsettings.json) whose shard layout to check
          --json         print everything as one JSON object
          --print-node   print only the NUMA node(s) of the layout, e.g. 0 or 0,1 (for numactl; needs --config)
        """,
        ["sysfs", "config"],
        ["json", "print-node"],
        Execute);

    private static int Execute(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        string sysfs = args.GetString("sysfs") ?? NumaTopology.DefaultSysfsRoot;
        string? configPath = args.GetString("config");
        bool json = args.HasFlag("json");
        bool printNode = args.HasFlag("print-node");
        if (json && printNode)
        {
            throw new CliUsageException("--json and --print-node exclude each other");
        }

        if (printNode && configPath is null)
        {
            throw new CliUsageException("--print-node needs --config");
        }

        NumaTopology topology;
        try
        {
            topology = NumaTopology.Read(sysfs);
        }
        catch (NumaTopologyException e)
        {
            stderr.WriteLine($"bourse-engine topology: {e.Message}");
            return ExitCodes.Failure;
        }

        ShardLayout? layout = null;
        EngineHostOptions? options = null;
        if (configPath is not null)
        {
            options = EngineHostConfigInput.TryLoad("topology", configPath, stderr);
            if (options is null)
            {
                return ExitCodes.Failure;
            }

            layout = ShardLayoutValidator.Check(options, topology);
        }

        if (printNode)
        {
            return PrintNode(layout!, stdout, stderr);
        }

        IReadOnlyList<int> affinity = CpuAffinity.ForCurrentPlatform().GetCurrentThreadAffinity();
        RuntimeReport runtime = RuntimeReport.Current();
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(Report(sysfs, topology, affinity, runtime, configPath, options, layout), Json));
        }
        else
        {
            WriteText(stdout, sysfs, topology, affinity, runtime, configPath, options, layout);
        }

        return layout is null || layout.IsValid ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static int PrintNode(ShardLayout layout, TextWriter stdout, TextWriter stderr)
    {
        if (!layout.IsValid)
        {
            stderr.WriteLine("bourse-engine topology: " + new ShardLayoutException(layout).Message);
            return ExitCodes.Failure;
        }

        stdout.WriteLine(string.Join(',', layout.Nodes));
        return ExitCodes.Success;
    }

    private static void WriteText(
        TextWriter stdout, string sysfs, NumaTopology topology, IReadOnlyList<int> affinity, RuntimeReport runtime,
        string? configPath, EngineHostOptions? options, ShardLayout? layout)
    {
        string source = topology.HasNodeDirectory ? "NUMA nodes from sysfs" : "no NUMA node directory: one node";
        stdout.WriteLine($"topology: {sysfs} ({source})");
        stdout.WriteLine($"  CPUs online {Cpus(topology.OnlineCpus)}, present {Cpus(topology.PresentCpus)}");
        foreach (NumaNode node in topology.Nodes)
        {
            string distances = node.Distances.Count == 0 ? string.Empty : $", distances {string.Join(' ', node.Distances)}";
            stdout.WriteLine($"  node {node.Id}: CPUs {Cpus(node.Cpus)}{distances}");
        }

        stdout.WriteLine($"  this process may run on CPUs {Cpus(affinity)}");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"runtime: .NET {Environment.Version}, {(runtime.ServerGc ? "server" : "workstation")} GC, concurrent {OnOff(runtime.ConcurrentGc)}, RetainVM {OnOff(runtime.RetainVm)}, latency mode {runtime.GcLatencyMode}, TieredPGO {runtime.TieredPgo ?? "default"}, QuickJitForLoops {runtime.QuickJitForLoops ?? "default"}"));
        if (layout is null || options is null)
        {
            return;
        }

        string verdict = layout.IsValid
            ? $"accepted, on node {string.Join(" and ", layout.Nodes)}" + (layout.SpansNodes ? " (AllowCrossNumaNode)" : string.Empty)
            : "refused";
        stdout.WriteLine($"layout: {configPath}: {verdict}");
        foreach ((ShardPlacement p, ShardConfig shard) in layout.Placements.Zip(options.Shards))
        {
            string node = p.Node is { } n ? $"node {n}" : "no node";
            string state = !topology.IsPresent(p.Cpu) ? ", absent" : p.Online ? string.Empty : ", offline";
            stdout.WriteLine($"  shard {p.Shard}: CPU {p.Cpu}, {node}{state}; instruments {string.Join(',', shard.Instruments)}");
        }

        foreach (ShardLayoutProblem problem in layout.Problems)
        {
            stdout.WriteLine($"  - {problem.Message}");
        }
    }

    private static object Report(
        string sysfs, NumaTopology topology, IReadOnlyList<int> affinity, RuntimeReport runtime,
        string? configPath, EngineHostOptions? options, ShardLayout? layout) => new
    {
        sysfs,
        hasNodeDirectory = topology.HasNodeDirectory,
        onlineCpus = topology.OnlineCpus,
        presentCpus = topology.PresentCpus,
        nodes = topology.Nodes.Select(n => new { id = n.Id, cpus = n.Cpus, distances = n.Distances }),
        affinity,
        runtime,
        layout = layout is null || options is null ? null : new
        {
            config = configPath,
            valid = layout.IsValid,
            nodes = layout.Nodes,
            spansNodes = layout.SpansNodes,
            allowCrossNumaNode = options.AllowCrossNumaNode,
            shards = layout.Placements.Zip(options.Shards, (p, s) => new
            {
                name = p.Shard,
                cpu = p.Cpu,
                node = p.Node,
                online = p.Online,
                present = topology.IsPresent(p.Cpu),
                instruments = s.Instruments,
            }),
            problems = layout.Problems,
        },
    };

    private static string Cpus(IReadOnlyList<int> cpus) => cpus.Count == 0 ? "(unknown)" : CpuList.Format(cpus);

    private static string OnOff(bool value) => value ? "on" : "off";

    /// <summary>The GC as the running process has it (environment overrides included), the JIT as runtimeconfig says.</summary>
    private sealed record RuntimeReport(bool ServerGc, bool ConcurrentGc, bool RetainVm, string GcLatencyMode, string? TieredPgo, string? QuickJitForLoops)
    {
        public static RuntimeReport Current()
        {
            IReadOnlyDictionary<string, object> gc = GC.GetConfigurationVariables();
            return new RuntimeReport(
                GCSettings.IsServerGC,
                gc.TryGetValue("ConcurrentGC", out object? concurrent) && concurrent is true,
                gc.TryGetValue("RetainVM", out object? retain) && retain is true,
                GCSettings.LatencyMode.ToString(),
                AppContext.GetData("System.Runtime.TieredPGO")?.ToString(),
                AppContext.GetData("System.Runtime.TieredCompilation.QuickJitForLoops")?.ToString());
        }
    }
}
