using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bourse.LocalEmulators.Installation;
using Bourse.LocalEmulators.Tests.Support;

namespace Bourse.LocalEmulators.Tests.Processes;

/// <summary>How the launchers start and stop the real processes, and that none outlives whoever started it.</summary>
public sealed class LifecycleTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Disposing_a_Cosmos_server_stops_it_with_SIGTERM()
    {
        var server = await CosmosServer.StartAsync();
        var process = server.Process;

        await server.DisposeAsync();

        Assert.False(ProcessState.IsRunning(process.ProcessId));
        Assert.Equal(0, process.ExitCode); // a clean exit, not SIGKILL (137)
    }

    [Fact]
    public async Task Disposing_Azurite_stops_it_with_SIGTERM_and_frees_its_ports()
    {
        var server = await AzuriteServer.StartAsync();
        var process = server.Process;
        int[] ports = [server.BlobPort, server.QueuePort, server.TablePort];

        await server.DisposeAsync();

        Assert.False(ProcessState.IsRunning(process.ProcessId));
        Assert.Equal(0, process.ExitCode);
        foreach (var port in ports)
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start(); // throws if a process still listens there
        }
    }

    [Fact]
    public async Task Closing_standard_input_as_the_kernel_does_for_a_dead_parent_stops_the_server()
    {
        await using var server = await CosmosServer.StartAsync();

        server.Process.CloseStandardInput();

        Assert.True(await ProcessState.ExitsWithinAsync(server.Process.ProcessId, ExitWithin), "the server outlived its standard input");
    }

    [Fact]
    public async Task A_wrapper_whose_parent_is_killed_exits()
    {
        var emulators = EmulatorsDirectory.Resolve(null);
        await using (await CosmosServer.StartAsync())
        {
            // node_modules is installed now.
        }

        using var script = new TempDirectory();
        var scriptPath = script.Combine("parent.sh");
        // bash holds the only write end of the wrapper's standard input (a coprocess), prints the wrapper's pid, and
        // relays its output; then it is killed with SIGKILL, as a crashed test host would be.
        await File.WriteAllTextAsync(scriptPath, $$"""
            coproc node '{{Path.Combine(emulators, "azurite-server.js")}}' --exit-with-stdin --blobHost 127.0.0.1 --blobPort 0 --queueHost 127.0.0.1 --queuePort 0 --tableHost 127.0.0.1 --tablePort 0 --inMemoryPersistence --silent --disableTelemetry
            echo "child $COPROC_PID"
            cat <&"${COPROC[0]}"
            """);
        using var parent = Process.Start(new ProcessStartInfo("bash", [scriptPath]) { RedirectStandardOutput = true, WorkingDirectory = script.Path })!;
        var child = int.Parse((await parent.StandardOutput.ReadLineAsync())!["child ".Length..], CultureInfo.InvariantCulture);
        string? line;
        do
        {
            line = await parent.StandardOutput.ReadLineAsync();
        }
        while (line is not null && !line.StartsWith("Azurite Table service is successfully listening", StringComparison.Ordinal));
        Assert.NotNull(line);
        Assert.True(ProcessState.IsRunning(child));

        parent.Kill(entireProcessTree: false);

        Assert.True(await ProcessState.ExitsWithinAsync(child, ExitWithin), $"Azurite (pid {child}) outlived its killed parent");
    }

    [Fact]
    public async Task A_port_in_use_fails_the_start_with_the_servers_own_words()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var failure = await Assert.ThrowsAsync<LocalEmulatorException>(() => CosmosServer.StartAsync(new CosmosServerOptions { Port = port }));

        Assert.Equal(LocalEmulatorFailureReason.ExitedBeforeReady, failure.Reason);
        Assert.False(failure.IsTransient);
        Assert.Contains("EADDRINUSE", failure.Message, StringComparison.Ordinal);
        Assert.Contains("cosmos-server.js", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_node_executable_is_named_in_the_error()
    {
        var failure = await Assert.ThrowsAsync<LocalEmulatorException>(
            () => CosmosServer.StartAsync(new CosmosServerOptions { NodeExecutable = "/nonexistent/node" }));

        Assert.Equal(LocalEmulatorFailureReason.NodeNotFound, failure.Reason);
        Assert.Contains("/nonexistent/node", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_says_ready_is_killed_when_the_start_times_out()
    {
        using var emulators = new TempDirectory();
        await WriteInstalledManifestAsync(emulators);
        var pidFile = emulators.Combine("pid");
        // Stands in for Azurite: listens nowhere, says nothing, ignores SIGTERM.
        await File.WriteAllTextAsync(emulators.Combine("azurite-server.js"), $$"""
            require("fs").writeFileSync({{System.Text.Json.JsonSerializer.Serialize(pidFile)}}, String(process.pid));
            process.on("SIGTERM", () => {});
            setInterval(() => {}, 1000);
            """);

        var failure = await Assert.ThrowsAsync<LocalEmulatorException>(() => AzuriteServer.StartAsync(
            new AzuriteServerOptions { EmulatorsDirectory = emulators.Path, StartTimeout = TimeSpan.FromSeconds(2) }));

        Assert.Equal(LocalEmulatorFailureReason.StartTimedOut, failure.Reason);
        Assert.True(failure.IsTransient);
        Assert.Contains("within 2 s", failure.Message, StringComparison.Ordinal);
        var pid = int.Parse(await File.ReadAllTextAsync(pidFile), CultureInfo.InvariantCulture);
        Assert.True(await ProcessState.ExitsWithinAsync(pid, ExitWithin), "the hung process was left running");
    }

    [Fact]
    public async Task A_server_that_ignores_SIGTERM_is_killed_after_the_stop_timeout()
    {
        using var emulators = new TempDirectory();
        await WriteInstalledManifestAsync(emulators);
        await File.WriteAllTextAsync(emulators.Combine("azurite-server.js"), """
            process.on("SIGTERM", () => {});
            for (const service of ["Blob", "Queue", "Table"]) {
              console.log(`Azurite ${service} service is successfully listening at http://127.0.0.1:1000${service.length}`);
            }
            setInterval(() => {}, 1000);
            """);
        var server = await AzuriteServer.StartAsync(new AzuriteServerOptions { EmulatorsDirectory = emulators.Path, StopTimeout = TimeSpan.FromSeconds(1) });
        var clock = Stopwatch.StartNew();

        await server.DisposeAsync();

        Assert.False(ProcessState.IsRunning(server.Process.ProcessId));
        Assert.NotNull(server.Process.ExitCode);
        Assert.NotEqual(0, server.Process.ExitCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
    }

    /// <summary>A package.json without dependencies, its lock file and npm's marker of a finished install: nothing to install.</summary>
    private static async Task WriteInstalledManifestAsync(TempDirectory directory)
    {
        await File.WriteAllTextAsync(directory.Combine("package.json"), """{ "name": "fake-emulators", "version": "1.0.0" }""");
        await File.WriteAllTextAsync(directory.Combine("package-lock.json"), """{ "name": "fake-emulators", "lockfileVersion": 3, "packages": {} }""");
        Directory.CreateDirectory(directory.Combine("node_modules"));
        await File.WriteAllTextAsync(directory.Combine("node_modules", ".package-lock.json"), "{}");
        File.SetLastWriteTimeUtc(directory.Combine("node_modules", ".package-lock.json"), File.GetLastWriteTimeUtc(directory.Combine("package-lock.json")).AddSeconds(1));
    }
}
