using System.Diagnostics;
using Bourse.EngineHost.Commands;

namespace Bourse.EngineHost.Cli;

/// <summary><c>generate --seed S --count N --out FILE</c>: writes a benchmark command stream.</summary>
internal static class GenerateVerb
{
    public static Verb Verb { get; } = new(
        "generate",
        "write a deterministic benchmark command stream (bourse-commands v1)",
        """
        usage: bourse-engine generate --seed S --count N --out FILE

        Writes N commands of the benchmark mix for seed S to FILE in the bourse-commands v1 format.
        The same seed and count give the same file, byte for byte.

          --seed S     any 64-bit integer
          --count N    number of commands, 0 or more
          --out FILE   file to write (replaced if it exists)
        """,
        ["seed", "count", "out"],
        [],
        Execute);

    /// <summary>The verb's entry point: <paramref name="args"/> are those after <c>generate</c>.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr) => Verb.Run(args, stdout, stderr);

    private static int Execute(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        long seed = args.GetRequiredInt64("seed");
        long count = args.GetRequiredInt64("count", min: 0);
        string path = args.GetRequiredString("out");

        // Write beside the target and rename at the end, so an interrupted run never leaves a shorter stream that
        // would still parse.
        string temporary = path + ".partial";
        long started = Stopwatch.GetTimestamp();
        try
        {
            using (CommandStreamWriter writer = CommandStreamWriter.Create(temporary))
            {
                CommandStreamGenerator.Generate(seed, count, writer);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"bourse-engine generate: cannot write '{path}': {e.Message}");
            TryDelete(temporary);
            return ExitCodes.Failure;
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        stdout.WriteLine($"generate: wrote {count} commands (seed {seed}) to {path} in {elapsed.TotalSeconds:F2} s");
        return ExitCodes.Success;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the error that matters is already reported.
        }
    }
}
