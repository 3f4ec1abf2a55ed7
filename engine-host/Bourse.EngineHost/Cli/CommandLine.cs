namespace Bourse.EngineHost.Cli;

/// <summary>
/// <c>bourse-engine &lt;verb&gt; [--option value ...]</c>: finds the verb and runs it. A new verb is one file in this
/// folder with a <see cref="Verb"/> and one entry in <see cref="Verbs"/>.
/// </summary>
internal static class CommandLine
{
    public static IReadOnlyList<Verb> Verbs { get; } = [GenerateVerb.Verb, BenchVerb.Verb, LatencyVerb.Verb, LoadVerb.Verb, EchoVerb.Verb, TopologyVerb.Verb, ServeVerb.Verb];

    /// <returns>The process exit code (<see cref="ExitCodes"/>).</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0)
        {
            stderr.WriteLine("bourse-engine: missing verb");
            stderr.WriteLine(Usage());
            return ExitCodes.Usage;
        }

        if (args[0] is "--help" or "-h" or "help")
        {
            stdout.WriteLine(Usage());
            return ExitCodes.Success;
        }

        Verb? verb = Verbs.FirstOrDefault(v => v.Name == args[0]);
        if (verb is null)
        {
            stderr.WriteLine($"bourse-engine: unknown verb '{args[0]}'");
            stderr.WriteLine(Usage());
            return ExitCodes.Usage;
        }

        return verb.Run([.. args.Skip(1)], stdout, stderr);
    }

    private static string Usage()
    {
        int width = Verbs.Select(v => v.Name.Length).DefaultIfEmpty().Max();
        var lines = Verbs.Select(v => $"  {v.Name.PadRight(width)}  {v.Summary}");
        return "usage: bourse-engine <verb> [--option value ...]\n\nverbs:\n" + string.Join('\n', lines) +
            "\n\nRun 'bourse-engine <verb> --help' for a verb's options.";
    }
}
