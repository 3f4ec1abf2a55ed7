using System.Globalization;
using System.Text.Json;
using Bourse.EngineHost.Harness;

namespace Bourse.EngineHost.Cli;

/// <summary><c>bench --commands FILE [--trades-out FILE] [--book-out FILE] [--json]</c>: whole-stream throughput.</summary>
internal static class BenchVerb
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static Verb Verb { get; } = new(
        "bench",
        "replay a command stream through one book on one thread and report throughput",
        """
        usage: bourse-engine bench --commands FILE [--passes N] [--trades-out FILE] [--book-out FILE] [--json]

        Loads FILE (bourse-commands v1) into memory, untimed; replays it once to warm up, then N times timed, each
        through a fresh book (tick 1, lot 1, no band) on one thread; prints the summary of the median pass.

          --commands FILE    the command stream
          --passes N         timed passes (default 5); the median is reported, and the best as bestCommandsPerSecond
          --trades-out FILE  write one line takerId,makerId,priceTicks,qty per trade, in order
          --book-out FILE    write the final book as side,priceTicks,totalQty,orderCount (bids best first, then asks)
          --json             print the summary as one JSON object (commands, accepted, rejected, trades, tradedQty,
                             seconds, commandsPerSecond, allocatedBytes, tradesSha256, bookSha256)
        """,
        ["commands", "passes", "trades-out", "book-out"],
        ["json"],
        Execute);

    private static int Execute(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var path = args.GetRequiredString("commands");
        var passes = args.GetString("passes") is null ? 5 : (int)args.GetRequiredInt64("passes", min: 1, max: 1_000);
        var commands = CommandStreamInput.TryLoad("bench", path, stderr);
        if (commands is null)
        {
            return ExitCodes.Failure;
        }

        var result = StreamBenchmark.Run(commands, passes);
        try
        {
            if (args.GetString("trades-out") is { } tradesOut)
            {
                File.WriteAllBytes(tradesOut, result.TradesCsv.Span);
            }

            if (args.GetString("book-out") is { } bookOut)
            {
                File.WriteAllBytes(bookOut, result.BookCsv.Span);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"bourse-engine bench: cannot write output: {e.Message}");
            return ExitCodes.Failure;
        }

        if (args.HasFlag("json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(result, Json));
        }
        else
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench: {result.Commands:N0} commands in {result.Seconds:F3} s = {result.CommandsPerSecond / 1e6:F2} M commands/s (median of {result.Passes}, best {result.BestCommandsPerSecond / 1e6:F2} M), {result.AllocatedBytes} bytes allocated"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"       accepted {result.Accepted:N0}, rejected {result.Rejected:N0}, trades {result.Trades:N0}, traded qty {result.TradedQuantity:N0}"));
            stdout.WriteLine($"       trades sha256 {result.TradesSha256}");
            stdout.WriteLine($"       book   sha256 {result.BookSha256}");
        }

        return ExitCodes.Success;
    }
}
