using System.Diagnostics;
using System.Text.Json;
using Bourse.EngineHost.Commands;
using Bourse.EngineHost.Tests.Configuration;

namespace Bourse.EngineHost.Tests.Cli;

/// <summary>The built <c>bourse-engine</c> as a child process: exit codes and output streams as a shell sees them.</summary>
public sealed class ExecutableTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-exe-");

    [Fact]
    public void Generate_writes_the_stream_and_exits_0()
    {
        string path = Path.Combine(_directory.FullName, "stream.txt");

        (int exitCode, string stdout, string stderr) = Run("generate", "--seed", "8", "--count", "20000", "--out", path);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("wrote 20000 commands", stdout, StringComparison.Ordinal);
        Assert.Equal(CommandStreamGenerator.Generate(8, 20_000), CommandStreamReader.ReadAll(path));
    }

    [Fact]
    public void A_bad_option_exits_2_with_a_message_on_stderr()
    {
        (int exitCode, string stdout, string stderr) = Run("generate", "--seed", "8", "--count", "lots", "--out", "x");

        Assert.Equal(2, exitCode);
        Assert.Contains("option --count: 'lots' is not a 64-bit integer", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public void The_process_runs_with_the_gc_and_jit_settings_for_latency()
    {
        (int exitCode, string stdout, string stderr) = Run("topology", "--json");

        Assert.True(exitCode == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement runtime = json.RootElement.GetProperty("runtime");
        Assert.False(runtime.GetProperty("serverGc").GetBoolean());
        Assert.True(runtime.GetProperty("concurrentGc").GetBoolean());
        Assert.True(runtime.GetProperty("retainVm").GetBoolean());
        Assert.Equal("Interactive", runtime.GetProperty("gcLatencyMode").GetString());
        Assert.Equal("true", runtime.GetProperty("tieredPgo").GetString());
        Assert.Equal("true", runtime.GetProperty("quickJitForLoops").GetString());
    }

    [Fact]
    public void Environment_variables_override_the_settings_file()
    {
        string config = EngineHostOptionsTests.RepositoryFile("engine-host/Bourse.EngineHost/appsettings.json");

        (int exitCode, string stdout, string stderr) = Run(
            new Dictionary<string, string> { ["EngineHost__Shards__1__Cpu"] = "0" }, "topology", "--config", config);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("EngineHost:Shards:1:Cpu 0 is also the CPU of EngineHost:Shards:0", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) =>
        Run(new Dictionary<string, string>(), args);

    private static (int ExitCode, string Stdout, string Stderr) Run(Dictionary<string, string> environment, params string[] args)
    {
        // The SDK sets DOTNET_HOST_PATH for test runs; outside it, take 'dotnet' from PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bourse-engine.dll"));
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "bourse-engine did not exit in 30 s");
        return (process.ExitCode, stdout, stderr.Result);
    }
}
