using Bourse.Engine.Matching;
using Bourse.EngineHost.Harness;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Tests.OrderEntry;

/// <summary>The load client against servers that misbehave: a run must end with an error, never hang.</summary>
public sealed class OrderEntryLoadTests
{
    [Fact]
    public async Task A_server_that_reads_but_never_answers_fails_the_run_instead_of_hanging_it()
    {
        await using var app = await StartAsync<SilentOrderEntry>();
        var commands = Enumerable.Range(1, 20).Select(i => OrderCommand.NewOrder(i, Side.Buy, 100, 1, TimeInForce.Gtc, 1)).ToArray();

        var run = OrderEntryLoad.RunAsync(new Uri(app.Urls.Single()), commands, 1, streams: 2, window: 4, CancellationToken.None, TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => run.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Contains("No answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_ends_the_stream_early_fails_the_run_with_the_count_unanswered()
    {
        await using var app = await StartAsync<ClosingOrderEntry>();
        var commands = Enumerable.Range(1, 20).Select(i => OrderCommand.NewOrder(i, Side.Buy, 100, 1, TimeInForce.Gtc, 1)).ToArray();

        var run = OrderEntryLoad.RunAsync(new Uri(app.Urls.Single()), commands, 1, streams: 1, window: 4, CancellationToken.None, TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.Contains("19 of 20 requests", error.Message, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync<TService>() where TService : V1.OrderEntry.OrderEntryBase
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<TService>();
        await app.StartAsync();
        return app;
    }

    private sealed class SilentOrderEntry : V1.OrderEntry.OrderEntryBase
    {
        public override async Task Trade(IAsyncStreamReader<V1.OrderEntryRequest> requestStream, IServerStreamWriter<V1.ExecutionReport> responseStream, ServerCallContext context)
        {
            await foreach (var _ in requestStream.ReadAllAsync(context.CancellationToken))
            {
            }

            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
    }

    /// <summary>Answers the first request, then ends the call while the client still has requests in flight.</summary>
    private sealed class ClosingOrderEntry : V1.OrderEntry.OrderEntryBase
    {
        public override async Task Trade(IAsyncStreamReader<V1.OrderEntryRequest> requestStream, IServerStreamWriter<V1.ExecutionReport> responseStream, ServerCallContext context)
        {
            if (await requestStream.MoveNext(context.CancellationToken))
            {
                await responseStream.WriteAsync(new V1.ExecutionReport { CorrelationId = requestStream.Current.CorrelationId, Accepted = new V1.OrderAccepted() });
            }
        }
    }
}
