using Bourse.EngineHost.Cli;

namespace Bourse.EngineHost.Tests.Cli;

public sealed class CliArgumentsTests
{
    private static readonly string[] Options = ["seed", "out"];
    private static readonly string[] Flags = ["json"];

    [Fact]
    public void Reads_values_and_flags_in_any_order()
    {
        CliArguments args = CliArguments.Parse(["--json", "--seed", "-5", "--out", "x.txt"], Options, Flags);

        Assert.True(args.HasFlag("json"));
        Assert.Equal(-5, args.GetRequiredInt64("seed"));
        Assert.Equal("x.txt", args.GetRequiredString("out"));
    }

    [Fact]
    public void Options_not_given_are_absent()
    {
        CliArguments args = CliArguments.Parse([], Options, Flags);

        Assert.False(args.HasFlag("json"));
        Assert.Null(args.GetString("out"));
    }

    [Theory]
    [InlineData(new[] { "--bogus", "1" }, "unknown option --bogus")]
    [InlineData(new[] { "--seed" }, "option --seed needs a value")]
    [InlineData(new[] { "--seed", "--json" }, "option --seed needs a value")]
    [InlineData(new[] { "--seed", "1", "--seed", "2" }, "option --seed is given more than once")]
    [InlineData(new[] { "--json", "--json" }, "option --json is given more than once")]
    [InlineData(new[] { "seed", "1" }, "unexpected argument 'seed'")]
    [InlineData(new[] { "--" }, "unexpected argument '--'")]
    public void Bad_command_lines_name_the_option(string[] argv, string message)
    {
        CliUsageException e = Assert.Throws<CliUsageException>(() => CliArguments.Parse(argv, Options, Flags));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Missing_and_invalid_values_name_the_option()
    {
        CliArguments args = CliArguments.Parse(["--seed", "12x"], Options, Flags);
        CliArguments negative = CliArguments.Parse(["--seed", "-1"], Options, Flags);

        Assert.Equal("missing option --out", Assert.Throws<CliUsageException>(() => args.GetRequiredString("out")).Message);
        Assert.Equal("option --seed: '12x' is not a 64-bit integer", Assert.Throws<CliUsageException>(() => args.GetRequiredInt64("seed")).Message);
        Assert.Equal("option --seed: -1 is less than 0", Assert.Throws<CliUsageException>(() => negative.GetRequiredInt64("seed", min: 0)).Message);
        Assert.Equal("option --seed: -1 is outside [0, 9]", Assert.Throws<CliUsageException>(() => negative.GetRequiredInt64("seed", 0, 9)).Message);
    }
}
