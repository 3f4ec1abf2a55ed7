using System.Globalization;
using System.Text.Json;
using Bourse.Engine.Pipeline;
using Bourse.EngineHost.Harness;

namespace Bourse.EngineHost.Cli;

/// <summary><c>latency --commands FILE --rate R [--wait busy|yield|blocking] [--json]</c>: latency under offered load.</summary>
internal static class LatencyVerb
{
    public static Verb Verb { get; } = new(
        "latency",
        "offer a command stream at a fixed rate through the rings and report latency percentiles",
        """
        usage: bourse-engine latency --commands FILE --rate R [--wait busy|yield|blocking] [--json]

        A producer thread offers the commands at R per second through the command ring to the matching thread.
        Each command's latency runs from its scheduled send time (so queueing counts) to its last event published;
        prints HdrHistogram p50, p90, p99, p99.9, p99.99 and max in microseconds. The first 500,000 commands run
        once before, untimed, to warm up.

          --commands FILE  the command stream
          --rate R         commands per second offered
          --wait W         how the matching thread waits for commands: busy (default), yield or blocking
          --json           print the result as one JSON object
        """,
        ["commands", "rate", "wait"],
        ["json"],
        Execute);

    private static int Execute(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var path = args.GetRequiredString("commands");
        var rate = args.GetRequiredInt64("rate", min: 1, max: 100_000_000);
        IWaitStrategy wait = args.GetString("wait") switch
        {
            null or "busy" => new BusySpinWaitStrategy(),
            "yield" => new YieldingWaitStrategy(),
            "blocking" => new BlockingWaitStrategy(),
            var other => throw new CliUsageException($"--wait must be busy, yield or blocking, not '{other}'"),
        };

        var commands = CommandStreamInput.TryLoad("latency", path, stderr);
        if (commands is null)
        {
            return ExitCodes.Failure;
        }

        var result = LatencyHarness.Run(commands, rate, wait);
        if (args.HasFlag("json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(result));
        }
        else
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"latency: {result.Commands:N0} commands offered at {result.OfferedRate:N0}/s (achieved {result.AchievedRate:N0}/s, {result.LateSends:N0} sent late)"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"         p50 {result.P50:F2} µs  p90 {result.P90:F2} µs  p99 {result.P99:F2} µs  p99.9 {result.P999:F2} µs  p99.99 {result.P9999:F2} µs  max {result.Max:F2} µs"));
        }

        return ExitCodes.Success;
    }
}
