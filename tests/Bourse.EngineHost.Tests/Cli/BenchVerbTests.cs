using System.Security.Cryptography;
using System.Text.Json;
using Bourse.EngineHost.Cli;
using Bourse.EngineHost.Tests.Commands;

namespace Bourse.EngineHost.Tests.Cli;

public sealed class BenchVerbTests : IDisposable
{
    private static readonly string[] PercentileFields = ["p50Us", "p90Us", "p99Us", "p999Us", "p9999Us", "maxUs"];

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-bench-");
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    /// <summary>The conformance check of the issue: bench's trades and book hash to what the Python reference writes.</summary>
    [PythonReferenceFact]
    public void Bench_output_hashes_to_the_same_trades_and_book_as_the_python_reference()
    {
        Assert.Equal(0, CommandLine.Run(["generate", "--seed", "2024", "--count", "300000", "--out", PathOf("s.txt")], _stdout, _stderr));
        _stdout.GetStringBuilder().Clear();

        var exit = CommandLine.Run(["bench", "--commands", PathOf("s.txt"), "--trades-out", PathOf("t.csv"), "--book-out", PathOf("b.csv"), "--json"], _stdout, _stderr);

        Assert.Equal(0, exit);
        var bench = JsonDocument.Parse(_stdout.ToString()).RootElement;
        var reference = ReferenceEngineConformanceTests.RunReference(PathOf("s.txt"), PathOf("ref"));
        Assert.Equal(reference.GetProperty("tradesSha256").GetString(), bench.GetProperty("tradesSha256").GetString());
        Assert.Equal(reference.GetProperty("bookSha256").GetString(), bench.GetProperty("bookSha256").GetString());
        Assert.Equal(File.ReadAllBytes(PathOf("ref.trades.csv")), File.ReadAllBytes(PathOf("t.csv")));
        Assert.Equal(File.ReadAllBytes(PathOf("ref.book.csv")), File.ReadAllBytes(PathOf("b.csv")));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(PathOf("t.csv")))), bench.GetProperty("tradesSha256").GetString());
        foreach (var field in new[] { "accepted", "rejected", "trades", "tradedQty" })
        {
            Assert.Equal(reference.GetProperty(field).GetInt64(), bench.GetProperty(field).GetInt64());
        }

        Assert.Equal(300_000, bench.GetProperty("commands").GetInt64());
        Assert.True(bench.GetProperty("trades").GetInt64() > 10_000, "the stream must trade");
        Assert.True(bench.GetProperty("commandsPerSecond").GetDouble() > 0);
    }

    [Fact]
    public void Bench_prints_a_readable_summary_without_json()
    {
        Assert.Equal(0, CommandLine.Run(["generate", "--seed", "1", "--count", "20000", "--out", PathOf("s.txt")], _stdout, _stderr));
        _stdout.GetStringBuilder().Clear();

        Assert.Equal(0, CommandLine.Run(["bench", "--commands", PathOf("s.txt")], _stdout, _stderr));

        Assert.Matches(@"^bench: 20,000 commands in [0-9.]+ s = [0-9.]+ M commands/s \(median of 5, best [0-9.]+ M\), 0 bytes allocated", _stdout.ToString());
        Assert.Contains("trades sha256 ", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_line_is_reported_with_its_number_and_nothing_runs()
    {
        File.WriteAllText(PathOf("bad.txt"), "# bourse-commands v1\nN,1,B,100,10,GTC,7\nC,1\nR,1,abc,5\n");

        var exit = CommandLine.Run(["bench", "--commands", PathOf("bad.txt"), "--trades-out", PathOf("t.csv"), "--json"], _stdout, _stderr);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("line 4", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(_stdout.ToString());
        Assert.False(File.Exists(PathOf("t.csv")));
    }

    [Fact]
    public void A_missing_stream_file_is_a_failure_naming_it()
    {
        var exit = CommandLine.Run(["bench", "--commands", PathOf("none.txt")], _stdout, _stderr);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("none.txt", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Latency_reports_ordered_percentiles_for_every_command()
    {
        Assert.Equal(0, CommandLine.Run(["generate", "--seed", "3", "--count", "20000", "--out", PathOf("s.txt")], _stdout, _stderr));
        _stdout.GetStringBuilder().Clear();

        // Yielding, not spinning: the test machine is shared and has two cores.
        var exit = CommandLine.Run(["latency", "--commands", PathOf("s.txt"), "--rate", "100000", "--wait", "yield", "--json"], _stdout, _stderr);

        Assert.Equal(0, exit);
        var result = JsonDocument.Parse(_stdout.ToString()).RootElement;
        Assert.Equal(20_000, result.GetProperty("commands").GetInt64());
        Assert.Equal(100_000, result.GetProperty("offeredRate").GetInt64());
        var percentiles = PercentileFields.Select(p => result.GetProperty(p).GetDouble()).ToArray();
        Assert.True(percentiles[0] > 0, "latency cannot be zero");
        Assert.Equal(percentiles.Order().ToArray(), percentiles);
    }

    [Fact]
    public void Latency_rejects_an_unknown_wait_strategy()
    {
        File.WriteAllText(PathOf("s.txt"), "# bourse-commands v1\n");

        var exit = CommandLine.Run(["latency", "--commands", PathOf("s.txt"), "--rate", "10", "--wait", "sleepy"], _stdout, _stderr);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--wait", _stderr.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
        _directory.Delete(recursive: true);
    }
}
