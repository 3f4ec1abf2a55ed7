namespace Bourse.EngineHost.Tests.Topology;

/// <summary>A sysfs tree in a temporary folder: <c>devices/system/node/nodeN/{cpulist,distance}</c> and
/// <c>devices/system/cpu/{online,present}</c>, as the kernel writes them (one line, a trailing newline).</summary>
internal sealed class SysfsTree : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bourse-sysfs-");

    public string Root => _root.FullName;

    /// <summary>One node, CPUs 0-1: a small VM.</summary>
    public static SysfsTree OneNodeTwoCpus() => new SysfsTree().Node(0, "0-1", "10").Online("0-1").Present("0-1");

    /// <summary>Two nodes of four CPUs each, numbered in blocks: node 0 has 0-3, node 1 has 4-7.</summary>
    public static SysfsTree TwoNodesInBlocks() =>
        new SysfsTree().Node(0, "0-3", "10 21").Node(1, "4-7", "21 10").Online("0-7").Present("0-7");

    /// <summary>Two nodes with interleaved numbering, as many two-socket servers enumerate: 0,2,4,6 and 1,3,5,7.</summary>
    public static SysfsTree TwoNodesInterleaved() =>
        new SysfsTree().Node(0, "0,2,4,6", "10 20").Node(1, "1,3,5,7", "20 10").Online("0-7").Present("0-7");

    /// <summary>Two nodes in blocks with CPU 3 taken offline (<c>echo 0 &gt; cpu3/online</c>).</summary>
    public static SysfsTree TwoNodesCpu3Offline() =>
        new SysfsTree().Node(0, "0-3", "10 21").Node(1, "4-7", "21 10").Online("0-2,4-7").Present("0-7");

    public SysfsTree Node(int id, string cpulist, string? distance = null)
    {
        string directory = Path.Combine(Root, "devices", "system", "node", $"node{id}");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "cpulist"), cpulist + "\n");
        if (distance is not null)
        {
            File.WriteAllText(Path.Combine(directory, "distance"), distance + "\n");
        }

        return this;
    }

    public SysfsTree Online(string cpulist) => CpuFile("online", cpulist);

    public SysfsTree Present(string cpulist) => CpuFile("present", cpulist);

    /// <summary>Writes <paramref name="text"/> to <paramref name="relativePath"/> as it is (malformed files).</summary>
    public SysfsTree WriteFile(string relativePath, string text)
    {
        string path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public void Dispose() => _root.Delete(recursive: true);

    private SysfsTree CpuFile(string name, string cpulist) =>
        WriteFile(Path.Combine("devices", "system", "cpu", name), cpulist + "\n");
}
