using Bourse.EngineHost.OrderEntry;
using Grpc.Core;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Harness;

/// <summary>
/// The baseline for <c>load</c>: the order-entry stream with nothing behind it. Each request is answered at once with an
/// acceptance, through the same session queue and batched writer as the real service, so that the difference between a
/// run against <c>echo</c> and one against <c>serve</c> is the cost of the gateway, the shard, the journal and the
/// outcome routing — not of gRPC, HTTP/2 or the load client.
/// </summary>
internal sealed class EchoOrderEntryService(OrderSessions sessions) : V1.OrderEntry.OrderEntryBase
{
    public override async Task Trade(IAsyncStreamReader<V1.OrderEntryRequest> requestStream, IServerStreamWriter<V1.ExecutionReport> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        using var session = new StreamSession(sessions);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var http = context.GetHttpContext();
        var writer = OrderEntryService.WriteReports(session, http.Response.BodyWriter, stop);
        try
        {
            void Handle(V1.OrderEntryRequest request)
            {
                session.Submitted();
                session.Deliver(new V1.ExecutionReport
                {
                    CorrelationId = request.CorrelationId,
                    InstrumentId = request.NewOrder?.InstrumentId ?? 0,
                    ClientOrderId = request.NewOrder?.ClientOrderId ?? string.Empty,
                    AccountId = request.NewOrder?.AccountId ?? 0,
                    Accepted = new V1.OrderAccepted
                    {
                        Side = request.NewOrder?.Side ?? V1.Side.Unspecified,
                        OrderType = request.NewOrder?.OrderType ?? V1.OrderType.Unspecified,
                        TimeInForce = request.NewOrder?.TimeInForce ?? V1.TimeInForce.Unspecified,
                        PriceTicks = request.NewOrder?.PriceTicks ?? 0,
                        Quantity = request.NewOrder?.Quantity ?? 0,
                    },
                });
                session.CommandDone(request.CorrelationId);
            }

            await OrderEntryService.ReadRequests(requestStream, http, Handle, stop.Token).ConfigureAwait(false);
            session.InputCompleted();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            session.Complete();
        }

        await writer.ConfigureAwait(false);
    }
}
