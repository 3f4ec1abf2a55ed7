using Bourse.EngineHost.Cli;
using Bourse.EngineHost.Commands;

namespace Bourse.EngineHost.Tests.Cli;

public sealed class GenerateVerbTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bourse-generate-");
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    [Fact]
    public void Writes_the_stream_for_the_seed_and_count()
    {
        string path = Path.Combine(_directory.FullName, "stream.txt");

        int exitCode = GenerateVerb.Run(["--seed", "42", "--count", "5000", "--out", path], _stdout, _stderr);

        Assert.Equal(0, exitCode);
        Assert.Equal(CommandStreamGenerator.Generate(42, 5_000), CommandStreamReader.ReadAll(path));
        Assert.StartsWith($"generate: wrote 5000 commands (seed 42) to {path} in ", _stdout.ToString(), StringComparison.Ordinal);
        Assert.Empty(_stderr.ToString());
        Assert.Equal(["stream.txt"], _directory.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public void Replaces_an_existing_file()
    {
        string path = Path.Combine(_directory.FullName, "stream.txt");
        File.WriteAllText(path, new string('x', 100_000));

        int exitCode = GenerateVerb.Run(["--out", path, "--count", "0", "--seed", "1"], _stdout, _stderr);

        Assert.Equal(0, exitCode);
        Assert.Equal("# bourse-commands v1\n", File.ReadAllText(path));
    }

    [Theory]
    [InlineData(new[] { "--count", "10", "--out", "OUT" }, "missing option --seed")]
    [InlineData(new[] { "--seed", "1", "--out", "OUT" }, "missing option --count")]
    [InlineData(new[] { "--seed", "1", "--count", "10" }, "missing option --out")]
    [InlineData(new[] { "--seed", "one", "--count", "10", "--out", "OUT" }, "option --seed: 'one' is not a 64-bit integer")]
    [InlineData(new[] { "--seed", "1", "--count", "-3", "--out", "OUT" }, "option --count: -3 is less than 0")]
    [InlineData(new[] { "--seed", "1", "--count", "10", "--out", "OUT", "--format", "v2" }, "unknown option --format")]
    [InlineData(new[] { "--seed", "1", "--count", "10", "--out" }, "option --out needs a value")]
    public void A_bad_option_exits_2_naming_it_and_writes_nothing(string[] argv, string message)
    {
        string[] args = [.. argv.Select(a => a == "OUT" ? Path.Combine(_directory.FullName, "stream.txt") : a)];

        int exitCode = GenerateVerb.Run(args, _stdout, _stderr);

        Assert.Equal(2, exitCode);
        Assert.Contains($"bourse-engine generate: {message}", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("generate --help", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(_stdout.ToString());
        Assert.Empty(_directory.GetFiles());
    }

    [Fact]
    public void Help_prints_the_usage()
    {
        int exitCode = GenerateVerb.Run(["--help"], _stdout, _stderr);

        Assert.Equal(0, exitCode);
        Assert.Contains("usage: bourse-engine generate --seed S --count N --out FILE", _stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_path_exits_1_and_leaves_no_partial_file()
    {
        string path = Path.Combine(_directory.FullName, "missing-folder", "stream.txt");

        int exitCode = GenerateVerb.Run(["--seed", "1", "--count", "10", "--out", path], _stdout, _stderr);

        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot write '{path}'", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(_directory.GetFileSystemInfos());
    }

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
        _directory.Delete(recursive: true);
    }
}
