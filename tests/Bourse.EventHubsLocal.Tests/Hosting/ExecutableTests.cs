using System.Diagnostics;
using Azure.Messaging.EventHubs.Producer;
using Bourse.EventHubsLocal.Tests.Support;

namespace Bourse.EventHubsLocal.Tests.Hosting;

/// <summary>The built executable as a developer runs it: ready line, a working endpoint, a clean stop on SIGTERM.</summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task Prints_one_ready_line_serves_and_stops_cleanly_on_sigterm()
    {
        using var data = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var executable = Path.Combine(AppContext.BaseDirectory, "eventhubs-local.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { executable, "--port", "0", "--data", data.Path, "--hub", "executions:2" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync(timeout.Token);
            var connectionString = await process.StandardOutput.ReadLineAsync(timeout.Token);

            Assert.Matches(@"^EventHubsLocal listening on 127\.0\.0\.1:\d+$", ready);
            Assert.StartsWith("Endpoint=sb://127.0.0.1:", connectionString, StringComparison.Ordinal);
            await using (var producer = new EventHubProducerClient(connectionString, "executions", new EventHubProducerClientOptions { RetryOptions = LocalEventHubs.FailFast() }))
            {
                Assert.Equal(["0", "1"], await producer.GetPartitionIdsAsync(timeout.Token));
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("EventHubsLocal stopped", await process.StandardOutput.ReadLineAsync(timeout.Token));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
