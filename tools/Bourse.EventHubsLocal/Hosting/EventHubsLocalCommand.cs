using System.Globalization;
using System.Runtime.InteropServices;

namespace Bourse.EventHubsLocal.Hosting;

/// <summary>
/// The command line: parse the options, start an <see cref="EventHubsLocalServer"/>, print one ready line, and stop
/// cleanly on SIGTERM or Ctrl-C.
/// </summary>
internal static class EventHubsLocalCommand
{
    public const string Usage =
        """
        usage: eventhubs-local --data DIR --hub NAME[:PARTITIONS[:GROUP,GROUP...]] [--hub ...] [--port PORT] [--flush]

          --data DIR    where events are kept (created if missing); a restart on it loses nothing
          --hub SPEC    a hub to serve, e.g. executions:4 or executions:4:settlement,audit (4 partitions by default;
                        every hub has the consumer group $Default)
          --port PORT   TCP port on 127.0.0.1 (default 5672; 0 picks a free one)
          --flush       fsync every accepted batch (survives power loss, slower)

        Prints "EventHubsLocal listening on 127.0.0.1:PORT" once ready, then the connection string.
        """;

    /// <summary>The port used when none is given: the AMQP default, which the official emulator uses too.</summary>
    public const int DefaultPort = 5672;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        EventHubsLocalServerOptions options;
        try
        {
            options = Parse(args);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            await error.WriteLineAsync($"eventhubs-local: {e.Message}").ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // the process stops below, after the server has closed its files
            stop.Cancel();
        }

        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        var server = new EventHubsLocalServer(options);
        await using (server.ConfigureAwait(false))
        {
            await server.StartAsync(stop.Token).ConfigureAwait(false);
            await output.WriteLineAsync($"EventHubsLocal listening on 127.0.0.1:{server.Port}").ConfigureAwait(false);
            await output.WriteLineAsync(server.ConnectionString).ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM or Ctrl-C.
            }

            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await output.WriteLineAsync("EventHubsLocal stopped").ConfigureAwait(false);
        }

        return 0;
    }

    /// <exception cref="FormatException">An argument is unknown or malformed.</exception>
    /// <exception cref="ArgumentException">The options are invalid together (e.g. no hub).</exception>
    public static EventHubsLocalServerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EventHubsLocalServerOptions { Port = DefaultPort };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--port":
                    var port = Value();
                    options.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                        ? number
                        : throw new FormatException($"'{port}' is not a port.");
                    break;
                case "--data":
                    options.DataDirectory = Value();
                    break;
                case "--hub":
                    options.Hubs.Add(EventHubDefinition.Parse(Value()));
                    break;
                case "--flush":
                    options.FlushToDisk = true;
                    break;
                default:
                    throw new FormatException($"Unknown argument '{args[i]}'.");
            }
        }

        options.Validate();
        return options;
    }
}
