using Grpc.Core;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// The gRPC order-entry service: unary NewOrder, Cancel and Replace answer with the command's outcome once the shard
/// has journalled and matched it; the bidirectional Trade stream is for high rates — requests flow in without waiting,
/// reports flow back as they come, written in batches.
/// </summary>
internal sealed class OrderEntryService(OrderGateway gateway, OrderSessions sessions) : V1.OrderEntry.OrderEntryBase
{
    /// <summary>How long a unary call waits for its command's outcome. The default value is 5 seconds.</summary>
    public TimeSpan OutcomeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public override Task<V1.OrderAck> NewOrder(V1.NewOrderRequest request, ServerCallContext context) =>
        Unary(session => gateway.Submit(request, session, 0), context);

    public override Task<V1.OrderAck> Cancel(V1.CancelRequest request, ServerCallContext context) =>
        Unary(session => gateway.Submit(request, session, 0), context, request.ClientRequestId);

    public override Task<V1.OrderAck> Replace(V1.ReplaceRequest request, ServerCallContext context) =>
        Unary(session => gateway.Submit(request, session, 0), context, request.ClientRequestId);

    public override async Task Trade(IAsyncStreamReader<V1.OrderEntryRequest> requestStream, IServerStreamWriter<V1.ExecutionReport> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        using var session = new StreamSession(sessions);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var http = context.GetHttpContext();
        var keys = new ClientOrderKeyCache();
        var writer = WriteReports(session, http.Response.BodyWriter, stop);
        try
        {
            void Handle(in TradeRequestFields request)
            {
                // Counted before it can be answered, so a fast answer cannot complete the stream early.
                session.Submitted();
                if (gateway.Submit(request, session.Id, keys) is { } refused)
                {
                    session.Deliver(ToReport(refused, request));
                    session.CommandDone(request.CorrelationId);
                }
            }

            await ReadRequests(requestStream, http, Handle, stop.Token).ConfigureAwait(false);
            session.InputCompleted();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            session.Complete();
        }

        await writer.ConfigureAwait(false);
    }

    /// <summary>Reads the stream's requests, each handed to <paramref name="handle"/>: directly from the request body
    /// (<see cref="TradeStreamIo"/>) unless they are compressed, then through the gRPC reader.</summary>
    internal static async Task ReadRequests(IAsyncStreamReader<V1.OrderEntryRequest> requestStream, Microsoft.AspNetCore.Http.HttpContext http, TradeRequestHandler handle, CancellationToken cancellationToken)
    {
        if (TradeStreamIo.CanReadDirectly(http))
        {
            await TradeStreamIo.ReadRequestsAsync(http.Request.BodyReader, handle, cancellationToken).ConfigureAwait(false);
            return;
        }

        await foreach (var request in requestStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            handle(TradeRequestFields.From(request));
        }
    }

    private async Task<V1.OrderAck> Unary(Func<long, V1.OrderAck?> submit, ServerCallContext context, string? clientRequestId = null)
    {
        using var session = new UnarySession(sessions);
        var immediate = submit(session.Id);
        if (immediate is not null)
        {
            immediate.ClientRequestId = clientRequestId ?? string.Empty;
            return immediate;
        }

        V1.ExecutionReport first;
        try
        {
            first = await session.FirstReport.WaitAsync(OutcomeTimeout, context.CancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "The order reached its shard but no outcome came back in time; retry with the same client id."));
        }

        return new V1.OrderAck
        {
            Status = first.EventCase == V1.ExecutionReport.EventOneofCase.Rejected ? V1.OrderAckStatus.Rejected : V1.OrderAckStatus.Accepted,
            RejectReason = first.Rejected?.Reason ?? V1.RejectReason.Unspecified,
            ClientRequestId = clientRequestId ?? string.Empty,
            ClientOrderId = first.ClientOrderId,
            OrderId = first.OrderId,
            InstrumentId = first.InstrumentId,
            CommandSequence = first.CommandSequence,
            TransactTimeUnixNanos = first.TransactTimeUnixNanos,
        };
    }

    /// <summary>Writes reports as they come, every report waiting in one flush (<see cref="TradeStreamIo"/>).</summary>
    /// <remarks>A failed write stops the reading side too (through <paramref name="stop"/>), so the call ends instead of hanging.</remarks>
    internal static async Task WriteReports(StreamSession session, System.IO.Pipelines.PipeWriter responseBody, CancellationTokenSource stop)
    {
        try
        {
            await TradeStreamIo.WriteReportsAsync(session, responseBody, stop.Token).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static V1.ExecutionReport ToReport(V1.OrderAck refused, in TradeRequestFields request)
    {
        var report = new V1.ExecutionReport
        {
            CorrelationId = request.CorrelationId,
            InstrumentId = refused.InstrumentId,
            OrderId = refused.OrderId,
            ClientOrderId = refused.ClientOrderId,
            CommandSequence = refused.CommandSequence,
            Resent = refused.Duplicate,
        };
        if (refused.Status == V1.OrderAckStatus.Rejected)
        {
            report.Rejected = new V1.OrderRejected
            {
                Reason = refused.RejectReason,
                Text = refused.RejectText,
                RequestKind = request.Kind switch
                {
                    V1.OrderEntryRequest.RequestOneofCase.Cancel => V1.RequestKind.Cancel,
                    V1.OrderEntryRequest.RequestOneofCase.Replace => V1.RequestKind.Replace,
                    _ => V1.RequestKind.NewOrder,
                },
            };
        }
        else
        {
            // Only a new order is accepted at the door (a retry: its original acceptance); the order's terms are its own.
            var newOrder = request.Kind == V1.OrderEntryRequest.RequestOneofCase.NewOrder;
            report.Accepted = new V1.OrderAccepted
            {
                Side = newOrder ? request.Side : V1.Side.Unspecified,
                OrderType = newOrder ? request.OrderType : V1.OrderType.Unspecified,
                TimeInForce = newOrder ? request.TimeInForce : V1.TimeInForce.Unspecified,
                PriceTicks = newOrder ? request.PriceTicks : 0,
                Quantity = newOrder ? request.Quantity : 0,
            };
        }

        return report;
    }
}

/// <summary>Takes one request of a Trade stream, on the thread that read it.</summary>
internal delegate void TradeRequestHandler(in TradeRequestFields request);
