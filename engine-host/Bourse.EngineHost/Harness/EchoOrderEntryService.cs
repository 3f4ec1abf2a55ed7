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
            void Handle(in TradeRequestFields request)
            {
                var newOrder = request.Kind == V1.OrderEntryRequest.RequestOneofCase.NewOrder;
                session.Submitted();
                session.Deliver(new V1.ExecutionReport
                {
                    CorrelationId = request.CorrelationId,
                    InstrumentId = newOrder ? request.InstrumentId : 0,
                    ClientOrderId = newOrder ? request.ClientOrderId.AsString() : string.Empty,
                    AccountId = newOrder ? request.AccountId : 0,
                    Accepted = new V1.OrderAccepted
                    {
                        Side = newOrder ? request.Side : V1.Side.Unspecified,
                        OrderType = newOrder ? request.OrderType : V1.OrderType.Unspecified,
                        TimeInForce = newOrder ? request.TimeInForce : V1.TimeInForce.Unspecified,
                        PriceTicks = newOrder ? request.PriceTicks : 0,
                        Quantity = newOrder ? request.Quantity : 0,
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
