using System.Text.Json;
using Bourse.Engine.Journal;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Cli;
using Bourse.EngineHost.Hosting;
using Bourse.EngineHost.Sharding;

namespace Bourse.EngineHost.Tests.OrderEntry;

public sealed class LoadVerbTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-load-");

    [Fact]
    public async Task Load_answers_every_request_of_a_generated_stream_over_several_streams()
    {
        var server = EngineHostServer.Create(
        [
            new ShardOptions
            {
                Name = "load",
                Instruments = [new InstrumentSpec(1)],
                JournalDirectory = Path.Combine(_directory.FullName, "journal"),
                JournalOptions = new FileCommandJournalOptions { FlushPolicy = JournalFlushPolicy.EveryBatch },
            },
        ]);
        await server.StartAsync();
        try
        {
            var stream = Path.Combine(_directory.FullName, "s.txt");
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Assert.Equal(0, CommandLine.Run(["generate", "--seed", "5", "--count", "5000", "--out", stream], stdout, stderr));
            stdout.GetStringBuilder().Clear();

            var exit = await Task.Run(() => CommandLine.Run(["load", "--target", server.OrderEntryAddress.ToString(), "--commands", stream, "--streams", "4", "--window", "64", "--passes", "2", "--warmup", "1", "--json"], stdout, stderr));

            Assert.True(exit == 0, stderr.ToString());
            var result = JsonDocument.Parse(stdout.ToString()).RootElement;
            Assert.Equal(5_000, result.GetProperty("requests").GetInt64());
            Assert.True(result.GetProperty("rejected").GetInt64() < 500, "a generated stream is mostly valid");
            Assert.True(result.GetProperty("p50Us").GetDouble() > 0);
            var accepted = (5_000 - result.GetProperty("rejected").GetInt64()) / result.GetProperty("seconds").GetDouble();
            Assert.Equal(accepted, result.GetProperty("acceptedPerSecond").GetDouble(), 6);
            // The warm-up pass is sent but not reported; the measured passes are announced once, after it.
            Assert.Equal(2, result.GetProperty("passes").GetArrayLength());
            Assert.All(result.GetProperty("passes").EnumerateArray(), pass => Assert.Equal(5_000, pass.GetProperty("requests").GetInt64()));
            Assert.Equal(["load: measuring"], stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public void Load_refuses_a_target_off_this_machine()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CommandLine.Run(["load", "--target", "http://10.1.2.3:5100", "--commands", "x.txt"], stdout, stderr);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("loopback", stderr.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
