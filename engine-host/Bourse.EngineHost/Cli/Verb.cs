namespace Bourse.EngineHost.Cli;

/// <summary>
/// One verb of <c>bourse-engine</c>: its name, help, the options it accepts and what it does once they parse.
/// </summary>
/// <param name="Name">What the user types, e.g. <c>generate</c>.</param>
/// <param name="Summary">One line for the verb list.</param>
/// <param name="Usage">The verb's help text (synopsis and options).</param>
/// <param name="Options">Option names that take a value.</param>
/// <param name="Flags">Option names that take none.</param>
/// <param name="Execute">Runs the verb; returns the exit code. May throw <see cref="CliUsageException"/> for a bad value.</param>
internal sealed record Verb(
    string Name,
    string Summary,
    string Usage,
    IReadOnlyCollection<string> Options,
    IReadOnlyCollection<string> Flags,
    Func<CliArguments, TextWriter, TextWriter, int> Execute)
{
    /// <summary>Parses <paramref name="args"/> (those after the verb) and runs the verb.</summary>
    /// <returns><see cref="ExitCodes.Success"/>, <see cref="ExitCodes.Failure"/> or <see cref="ExitCodes.Usage"/>.</returns>
    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Success;
        }

        try
        {
            return Execute(CliArguments.Parse(args, Options, Flags), stdout, stderr);
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine($"bourse-engine {Name}: {e.Message}");
            stderr.WriteLine($"Run 'bourse-engine {Name} --help' for usage.");
            return ExitCodes.Usage;
        }
    }
}
