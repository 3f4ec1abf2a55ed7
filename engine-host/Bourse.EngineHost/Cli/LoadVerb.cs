using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Bourse.EngineHost.Harness;

namespace Bourse.EngineHost.Cli;

/// <summary><c>load --target URL --commands FILE [--streams N] [--window W] [--connections C] [--instrument ID] [--passes P] [--warmup W] [--json]</c>.</summary>
internal static class LoadVerb
{
    public static Verb Verb { get; } = new(
        "load",
        "drive an engine host's gRPC order entry from a command stream and report orders/s and round trips",
        """
        usage: bourse-engine load --target URL --commands FILE [--streams N] [--window W] [--connections C] [--instrument ID] [--passes P] [--warmup W] [--json]

        Splits FILE (bourse-commands v1) over N bidirectional order-entry streams to the host at URL (loopback only),
        with at most W requests in flight per stream, and reports requests per second and the round trip of each
        request (sent → its first execution report) as percentiles in microseconds, and how many the engine accepted
        (a generated stream also cancels orders that have already traded). The stream is sent P times (each
        pass with client ids of its own, so no pass is a retry of another); the result is the median pass by
        throughput. W unmeasured passes go first: the host's and this client's hot code reaches its final tier only after
        several passes (tier 0, instrumented, then optimized with the profile), and the run is meant to measure steady state.

          --target URL     the host's order-entry address, e.g. http://127.0.0.1:5100
          --commands FILE  the command stream
          --streams N      concurrent streams (default 16)
          --window W       requests in flight per stream (default 256)
          --connections C  HTTP/2 connections the streams are dealt over (default 1)
          --instrument ID  the instrument every order is for (default 1)
          --passes P       times the stream is sent and measured (default 3)
          --warmup W       unmeasured passes before them (default 0)
          --json           print the result as one JSON object
        """,
        ["target", "commands", "streams", "window", "connections", "instrument", "passes", "warmup"],
        ["json"],
        Execute);

    private static int Execute(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var target = new Uri(args.GetRequiredString("target"));
        if (!target.IsLoopback)
        {
            throw new CliUsageException("--target must be a loopback address: load tests stay on this machine");
        }

        var streams = (int)(args.GetString("streams") is null ? 16 : args.GetRequiredInt64("streams", 1, 1_024));
        var window = (int)(args.GetString("window") is null ? 256 : args.GetRequiredInt64("window", 1, 100_000));
        var connections = (int)(args.GetString("connections") is null ? 1 : args.GetRequiredInt64("connections", 1, streams));
        var instrument = (int)(args.GetString("instrument") is null ? 1 : args.GetRequiredInt64("instrument", 0, int.MaxValue));
        var path = args.GetRequiredString("commands");
        var commands = CommandStreamInput.TryLoad("load", path, stderr);
        if (commands is null)
        {
            return ExitCodes.Failure;
        }

        var passes = (int)(args.GetString("passes") is null ? 3 : args.GetRequiredInt64("passes", 1, 100));
        var warmup = (int)(args.GetString("warmup") is null ? 0 : args.GetRequiredInt64("warmup", 0, 100));
        // Client ids unique to this run and pass: a second run against the same host must not be answered as retries.
        var run = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10 * (passes + warmup)));
        var results = new List<LoadResult>(passes);
        for (var pass = 1 - warmup; pass <= passes; pass++)
        {
            if (pass == 1)
            {
                // For a script that reads the host's CPU time over the measured passes only (bench/ab-load.sh).
                stderr.WriteLine("load: measuring");
            }

            var prefix = string.Create(CultureInfo.InvariantCulture, $"{run}-{pass + warmup}-");
            var passResult = OrderEntryLoad.RunAsync(target, commands, instrument, streams, window, timeout.Token, clientIdPrefix: prefix, connections: connections).GetAwaiter().GetResult();
            if (pass >= 1)
            {
                results.Add(passResult);
            }
        }

        var result = results.OrderBy(r => r.RequestsPerSecond).ElementAt(passes / 2) with { Passes = passes > 1 ? results : null };
        if (args.HasFlag("json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(result));
        }
        else
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load (median of {passes} passes): {result.Requests:N0} requests over {result.Streams} streams in {result.Seconds:F2} s = {result.RequestsPerSecond:N0}/s ({result.Rejected:N0} rejected, so {result.AcceptedPerSecond:N0} accepted/s)"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"      round trip p50 {result.P50:F0} µs  p90 {result.P90:F0} µs  p99 {result.P99:F0} µs  p99.9 {result.P999:F0} µs  max {result.Max:F0} µs"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"      client CPU {result.ClientCpuUsPerRequest:F1} µs per request (this process, during the pass); {result.ClientGcCount} GCs pausing it {result.ClientGcPauseMs:F1} ms in all"));
        }

        return ExitCodes.Success;
    }
}
