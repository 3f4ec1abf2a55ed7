using System.Globalization;
using Bourse.Domain.Risk;
using Bourse.Orchestrations;
using Bourse.Orchestrations.Ports;
using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.Adapters.EngineHost;

/// <summary>
/// The saga's <see cref="IEngineOrderEntry"/> over the engine host's gRPC order entry (unary NewOrder and Cancel), each
/// call inside a Polly pipeline: a timeout per attempt, retries with jitter on transient failures, a circuit breaker.
/// </summary>
/// <remarks>
/// Retrying is safe because the engine is idempotent by (account, client id): a repeated request gets the original
/// answer. Transient: gRPC Unavailable, DeadlineExceeded, ResourceExhausted, Aborted, an attempt's timeout, and the
/// engine's own THROTTLED (busy or stopping). When they outlast the retries the call throws, so that the saga's
/// activity retry policy takes over; every other refusal by the engine is an answer.
/// </remarks>
public sealed class GrpcEngineOrderEntry : IEngineOrderEntry
{
    private readonly V1.OrderEntry.OrderEntryClient _client;
    private readonly ResiliencePipeline<V1.OrderAck> _pipeline;

    public GrpcEngineOrderEntry(V1.OrderEntry.OrderEntryClient client, GrpcEngineOrderEntryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new GrpcEngineOrderEntryOptions();
        _client = client;
        var transient = new PredicateBuilder<V1.OrderAck>()
            .Handle<RpcException>(e => e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted)
            .Handle<TimeoutRejectedException>()
            .HandleResult(ack => ack.Status == V1.OrderAckStatus.Rejected && ack.RejectReason == V1.RejectReason.Throttled);
        _pipeline = new ResiliencePipelineBuilder<V1.OrderAck>()
            .AddRetry(new RetryStrategyOptions<V1.OrderAck>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.FirstRetryDelay,
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<V1.OrderAck>
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = options.CircuitMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = options.CircuitBreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    public async ValueTask<EngineSubmission> SubmitAsync(EngineOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var request = new V1.NewOrderRequest
        {
            ClientOrderId = order.ClientOrderId,
            AccountId = EngineAccount(order.AccountId),
            InstrumentId = order.InstrumentId,
            Side = order.Side == OrderSide.Buy ? V1.Side.Buy : V1.Side.Sell,
            OrderType = order.Market ? V1.OrderType.Market : V1.OrderType.Limit,
            TimeInForce = order.TimeInForce switch
            {
                TimeInForce.Day => V1.TimeInForce.Day,
                TimeInForce.Ioc => V1.TimeInForce.Ioc,
                TimeInForce.Fok => V1.TimeInForce.Fok,
                TimeInForce.PostOnly => V1.TimeInForce.PostOnly,
                // The engine has no GTD: the saga's durable timer cancels the order when it expires.
                _ => V1.TimeInForce.Gtc,
            },
            PriceTicks = order.PriceTicks,
            Quantity = order.Quantity,
        };
        var ack = await CallAsync(ct => _client.NewOrderAsync(request, cancellationToken: ct).ResponseAsync, cancellationToken).ConfigureAwait(false);
        return ack.Status == V1.OrderAckStatus.Accepted
            ? new EngineSubmission(true, ack.OrderId)
            : new EngineSubmission(false, null, ack.RejectReason.ToString(), ack.RejectText);
    }

    public async ValueTask<EngineCancelResult> CancelAsync(EngineCancel cancel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        var request = new V1.CancelRequest
        {
            ClientRequestId = cancel.ClientRequestId,
            AccountId = EngineAccount(cancel.AccountId),
            InstrumentId = cancel.InstrumentId,
            ClientOrderId = cancel.ClientOrderId,
        };
        var ack = await CallAsync(ct => _client.CancelAsync(request, cancellationToken: ct).ResponseAsync, cancellationToken).ConfigureAwait(false);
        return ack.Status == V1.OrderAckStatus.Accepted ? new EngineCancelResult(true) : new EngineCancelResult(false, ack.RejectReason.ToString());
    }

    /// <summary>
    /// The engine numbers accounts; the back office's account id carries that number. Anything else is a programming
    /// error upstream (validation checks accounts before an order gets here), not a transient failure.
    /// </summary>
    private static long EngineAccount(string accountId) =>
        long.TryParse(accountId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"Account id '{accountId}' is not an engine account number.", nameof(accountId));

    private async Task<V1.OrderAck> CallAsync(Func<CancellationToken, Task<V1.OrderAck>> call, CancellationToken cancellationToken)
    {
        var ack = await _pipeline.ExecuteAsync(async ct => await call(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (ack.Status == V1.OrderAckStatus.Rejected && ack.RejectReason == V1.RejectReason.Throttled)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"The engine stayed busy: {ack.RejectText}"));
        }

        return ack;
    }
}
