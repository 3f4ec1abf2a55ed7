using Bourse.EngineHost.Cli;

namespace Bourse.EngineHost.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    [Fact]
    public void No_verb_exits_2_with_the_usage()
    {
        Assert.Equal(2, CommandLine.Run([], _stdout, _stderr));
        Assert.Contains("missing verb", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("generate", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_verb_exits_2_naming_it()
    {
        Assert.Equal(2, CommandLine.Run(["frobnicate", "--seed", "1"], _stdout, _stderr));
        Assert.Contains("unknown verb 'frobnicate'", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(_stdout.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_lists_the_verbs(string help)
    {
        Assert.Equal(0, CommandLine.Run([help], _stdout, _stderr));
        Assert.Contains("usage: bourse-engine <verb>", _stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("  generate  ", _stdout.ToString(), StringComparison.Ordinal);
        Assert.Empty(_stderr.ToString());
    }

    [Fact]
    public void Dispatches_to_the_verb_with_the_remaining_arguments()
    {
        Assert.Equal(2, CommandLine.Run(["generate", "--seed", "1", "--count", "1"], _stdout, _stderr));
        Assert.Contains("bourse-engine generate: missing option --out", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verb_names_are_unique()
    {
        Assert.Equal(CommandLine.Verbs.Count, CommandLine.Verbs.Select(v => v.Name).Distinct().Count());
    }

    public void Dispose()
    {
        _stdout.Dispose();
        _stderr.Dispose();
    }
}
