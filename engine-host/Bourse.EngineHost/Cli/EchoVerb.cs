using System.Net;
using System.Runtime.InteropServices;
using Bourse.EngineHost.Harness;
using Bourse.EngineHost.OrderEntry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bourse.EngineHost.Cli;

/// <summary><c>echo [--port N]</c>: the order-entry stream with nothing behind it, the baseline for <c>load</c>.</summary>
internal static class EchoVerb
{
    public static Verb Verb { get; } = new(
        "echo",
        "serve a bare order-entry stream that accepts every request at once: the baseline for load",
        """
        usage: bourse-engine echo [--port N]

        Serves the order-entry Trade stream on 127.0.0.1:N (default 5102, HTTP/2) with the same Kestrel set-up, session
        queue and batched writer as serve, but answers every request at once with an acceptance: no validation, no
        shard, no journal. Run load against it and against serve in the same session; the difference is the host's own
        cost. Stops on SIGTERM or Ctrl-C.

          --port N  the port on 127.0.0.1 (default 5102)
        """,
        ["port"],
        [],
        Execute);

    private static int Execute(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var port = args.GetString("port") is null ? 5102 : (int)args.GetRequiredInt64("port", 1, 65_535);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new OrderSessions());
        using var app = builder.Build();
        app.MapGrpcService<EchoOrderEntryService>();

        using var stopping = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.Cancel(); });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopping.Cancel(); });
        app.StartAsync().GetAwaiter().GetResult();
        stdout.WriteLine($"bourse-engine echo serving order entry on http://127.0.0.1:{port}/");
        stdout.Flush();
        stopping.Token.WaitHandle.WaitOne();
        app.StopAsync().GetAwaiter().GetResult();
        return ExitCodes.Success;
    }
}
