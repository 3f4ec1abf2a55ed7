using System.Diagnostics;
using Bourse.EngineHost.Tests.Configuration;
using Bourse.EngineHost.Tests.Topology;
using Bourse.EngineHost.Topology;

namespace Bourse.EngineHost.Tests.Deploy;

/// <summary><c>engine-host/deploy/launch.sh --dry-run</c> with the built host, on this machine's sysfs.</summary>
public sealed class LaunchScriptTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-launch-");
    private readonly string _dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    private readonly string _engine = Path.Combine(AppContext.BaseDirectory, "bourse-engine.dll");

    [LinuxFact]
    public void Binds_the_host_to_the_node_of_its_shards()
    {
        string config = Config(cpu: 0);
        int node = NumaTopology.Read().NodeOf(0) ?? 0;

        (int exitCode, string stdout, string stderr) = Launch(new() { ["BOURSE_CONFIG"] = config }, "--dry-run", "--extra");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal($"numactl --cpunodebind={node} --membind={node} -- {_dotnet} {_engine} serve --config {config} --extra \n", stdout);
    }

    [LinuxFact]
    public void Housekeeping_cpus_replace_the_node_for_the_hosts_other_threads()
    {
        string config = Config(cpu: 0);

        (int exitCode, string stdout, string stderr) = Launch(
            new() { ["BOURSE_CONFIG"] = config, ["BOURSE_HOUSEKEEPING_CPUS"] = "0-1", ["BOURSE_NUMA_NODE"] = "0", ["BOURSE_VERB"] = "run" },
            "--dry-run");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal($"numactl --physcpubind=0-1 --membind=0 -- {_dotnet} {_engine} run --config {config} \n", stdout);
    }

    [LinuxFact]
    public void A_refused_layout_exits_78_and_starts_nothing()
    {
        (int exitCode, string stdout, string stderr) = Launch(new() { ["BOURSE_CONFIG"] = Config(cpu: 1023) }, "--dry-run");

        Assert.Equal(78, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("shard 'all' is configured on CPU 1023, which this machine does not have", stderr, StringComparison.Ordinal);
        Assert.Contains("launch.sh: the engine host's layout in", stderr, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void A_missing_settings_file_exits_78()
    {
        (int exitCode, _, string stderr) = Launch(new() { ["BOURSE_CONFIG"] = Path.Combine(_directory.FullName, "none.json") }, "--dry-run");

        Assert.Equal(78, exitCode);
        Assert.Contains("launch.sh: cannot read the settings file", stderr, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void Without_numactl_it_refuses_to_start_unbound()
    {
        (int exitCode, _, string stderr) = Launch(
            new() { ["BOURSE_CONFIG"] = Config(cpu: 0), ["BOURSE_NUMACTL"] = "numactl-that-is-not-installed" });

        Assert.Equal(69, exitCode);
        Assert.Contains("launch.sh: numactl-that-is-not-installed not found", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>The sample's instruments, all in one shard on <paramref name="cpu"/> (CPU 0 is on every machine).</summary>
    private string Config(int cpu)
    {
        string text = File.ReadAllText(EngineHostOptionsTests.RepositoryFile("engine-host/Bourse.EngineHost/appsettings.json"))
            .Replace("{ \"Name\": \"shard0\", \"Instruments\": [ 600519, 601318 ], \"Cpu\": 0 },", "", StringComparison.Ordinal)
            .Replace("{ \"Name\": \"shard1\", \"Instruments\": [ 600036, 1 ], \"Cpu\": 1 }", $"{{ \"Name\": \"all\", \"Instruments\": [ 600519, 601318, 600036, 1 ], \"Cpu\": {cpu} }}", StringComparison.Ordinal);
        Assert.Contains("\"all\"", text, StringComparison.Ordinal);
        string path = Path.Combine(_directory.FullName, $"appsettings-{cpu}.json");
        File.WriteAllText(path, text);
        return path;
    }

    private (int ExitCode, string Stdout, string Stderr) Launch(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(EngineHostOptionsTests.RepositoryFile("engine-host/deploy/launch.sh"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BOURSE_ENGINE"] = $"{_dotnet} {_engine}";
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "launch.sh did not exit in 60 s");
        return (process.ExitCode, stdout, stderr.Result);
    }
}
