using System.Globalization;
using System.Text.RegularExpressions;

namespace Bourse.EngineHost.Topology;

/// <summary>
/// The machine's NUMA nodes and CPUs, read from sysfs: <c>devices/system/node/nodeN/cpulist</c> and
/// <c>nodeN/distance</c>, and <c>devices/system/cpu/online</c> and <c>present</c>. A kernel without NUMA support has no
/// <c>node</c> directory; the machine is then one node, 0, with every CPU.
/// </summary>
internal sealed partial class NumaTopology
{
    /// <summary>Where sysfs is mounted on Linux.</summary>
    public const string DefaultSysfsRoot = "/sys";

    private readonly Dictionary<int, int> _nodeOfCpu = [];
    private readonly HashSet<int> _online;
    private readonly HashSet<int> _present;

    /// <param name="nodes">The nodes; ids unique, a CPU in one node at most.</param>
    /// <param name="onlineCpus">The CPUs the kernel runs threads on.</param>
    /// <param name="presentCpus">The CPUs the machine has, online or not; by default the online CPUs and the nodes' CPUs.</param>
    /// <param name="hasNodeDirectory">Whether the nodes come from sysfs (false: one node made up for a kernel without NUMA).</param>
    public NumaTopology(IEnumerable<NumaNode> nodes, IEnumerable<int> onlineCpus, IEnumerable<int>? presentCpus = null, bool hasNodeDirectory = true)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(onlineCpus);
        Nodes = [.. nodes.OrderBy(n => n.Id)];
        foreach (NumaNode node in Nodes)
        {
            foreach (int cpu in node.Cpus)
            {
                if (!_nodeOfCpu.TryAdd(cpu, node.Id))
                {
                    throw new ArgumentException($"CPU {cpu} is in node {_nodeOfCpu[cpu]} and node {node.Id}", nameof(nodes));
                }
            }
        }

        OnlineCpus = [.. onlineCpus.Distinct().Order()];
        PresentCpus = [.. (presentCpus ?? OnlineCpus.Concat(_nodeOfCpu.Keys)).Distinct().Order()];
        _online = [.. OnlineCpus];
        _present = [.. PresentCpus];
        HasNodeDirectory = hasNodeDirectory;
    }

    /// <summary>The nodes, by id.</summary>
    public IReadOnlyList<NumaNode> Nodes { get; }

    /// <summary>The CPUs that are online, ascending.</summary>
    public IReadOnlyList<int> OnlineCpus { get; }

    /// <summary>The CPUs the machine has, online or not, ascending.</summary>
    public IReadOnlyList<int> PresentCpus { get; }

    /// <summary>Whether the nodes were read from sysfs; <see langword="false"/> when the kernel has no NUMA support and
    /// <see cref="Nodes"/> is one node made up of the online CPUs.</summary>
    public bool HasNodeDirectory { get; }

    /// <summary>The node of <paramref name="cpu"/>, or <see langword="null"/> if no node lists it.</summary>
    public int? NodeOf(int cpu) => _nodeOfCpu.TryGetValue(cpu, out int node) ? node : null;

    public bool IsOnline(int cpu) => _online.Contains(cpu);

    public bool IsPresent(int cpu) => _present.Contains(cpu);

    /// <summary>Reads the topology under a sysfs mount.</summary>
    /// <param name="sysfsRoot">Where sysfs is mounted: <c>/sys</c>, or a copy of its tree (tests).</param>
    /// <exception cref="NumaTopologyException">Neither <c>devices/system/node</c> nor <c>devices/system/cpu/online</c>
    /// exists, or a file cannot be read or parsed; the message names the file.</exception>
    public static NumaTopology Read(string sysfsRoot = DefaultSysfsRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(sysfsRoot);
        string nodeDirectory = Path.Combine(sysfsRoot, "devices", "system", "node");
        string cpuDirectory = Path.Combine(sysfsRoot, "devices", "system", "cpu");
        string onlineFile = Path.Combine(cpuDirectory, "online");
        string presentFile = Path.Combine(cpuDirectory, "present");
        IReadOnlyList<int>? online = File.Exists(onlineFile) ? ReadCpuList(onlineFile) : null;
        IReadOnlyList<int>? present = File.Exists(presentFile) ? ReadCpuList(presentFile) : null;

        if (!Directory.Exists(nodeDirectory))
        {
            if (online is null)
            {
                throw new NumaTopologyException(
                    $"no CPU information under '{sysfsRoot}': neither {nodeDirectory} nor {onlineFile} exists (is this Linux, with sysfs mounted there?)");
            }

            return new NumaTopology([new NumaNode(0, online, [])], online, present, hasNodeDirectory: false);
        }

        var nodes = new List<NumaNode>();
        foreach (string directory in Directory.EnumerateDirectories(nodeDirectory))
        {
            Match match = NodeDirectoryName().Match(Path.GetFileName(directory));
            if (!match.Success)
            {
                continue;
            }

            int id = int.Parse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            string cpulist = Path.Combine(directory, "cpulist");
            string distance = Path.Combine(directory, "distance");
            nodes.Add(new NumaNode(
                id,
                File.Exists(cpulist) ? ReadCpuList(cpulist) : [],
                File.Exists(distance) ? ReadDistances(distance) : []));
        }

        online ??= [.. nodes.SelectMany(n => n.Cpus)];
        try
        {
            return new NumaTopology(nodes, online, present);
        }
        catch (ArgumentException e)
        {
            throw new NumaTopologyException($"{nodeDirectory}: {e.Message}", e);
        }
    }

    private static IReadOnlyList<int> ReadCpuList(string path)
    {
        string text = ReadFile(path);
        try
        {
            return CpuList.Parse(text);
        }
        catch (FormatException e)
        {
            throw new NumaTopologyException($"{path}: {e.Message}", e);
        }
    }

    private static int[] ReadDistances(string path)
    {
        string text = ReadFile(path);
        var distances = new List<int>();
        foreach (string item in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int distance))
            {
                throw new NumaTopologyException($"{path}: '{text.Trim()}' is not a list of node distances like '10 21'");
            }

            distances.Add(distance);
        }

        return [.. distances];
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NumaTopologyException($"cannot read {path}: {e.Message}", e);
        }
    }

    [GeneratedRegex("^node([0-9]{1,5})$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeDirectoryName();
}
