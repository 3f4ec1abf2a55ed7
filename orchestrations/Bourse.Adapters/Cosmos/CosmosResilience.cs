using System.Globalization;
using System.Net;
using Microsoft.Azure.Cosmos;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// The Polly v8 pipeline around every Cosmos DB call: retry with exponential back-off and jitter on 429 (honouring
/// Retry-After), 503, 408 and timeouts (per-attempt timeout inside the retry), never on 409 or 412, which are the ledger's
/// logic. Retrying a write is safe because every ledger write is idempotent: creates have deterministic ids (a retry after
/// a lost answer gets 409 = done), replaces carry an ETag (412 = re-read), patches set values.
/// </summary>
internal static class CosmosResilience
{
    /// <summary>
    /// Sends one request through <paramref name="pipeline"/> and hands back the response of an answer (any status but a
    /// transient one). A failure the retries could not fix — no answer at all, or still a transient status — becomes the
    /// caller's own exception, made by <paramref name="unavailable"/> from a message and the cause.
    /// </summary>
    public static async Task<ResponseMessage> SendAsync(
        ResiliencePipeline<ResponseMessage> pipeline, Func<CancellationToken, Task<ResponseMessage>> call, string what,
        Func<string, Exception?, Exception> unavailable, CancellationToken cancellationToken)
    {
        ResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                static async (state, ct) => await state(ct).ConfigureAwait(false), call, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is CosmosException or HttpRequestException or OperationCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            throw unavailable($"{what}: {ex.Message}", ex);
        }

        if (IsTransient(response.StatusCode))
        {
            var status = response.StatusCode;
            response.Dispose();
            throw unavailable($"{what}: still {(int)status} {status} after the retries", null);
        }

        return response;
    }

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout;

    public static ResiliencePipeline<ResponseMessage> Create(CosmosLedgerOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options.MaxRetryAttempts, options.RetryDelay, options.AttemptTimeout, timeProvider);
    }

    /// <summary>The same pipeline for the other adapters (their options carry the same three settings).</summary>
    public static ResiliencePipeline<ResponseMessage> Create(int maxRetryAttempts, TimeSpan retryDelay, TimeSpan attemptTimeout, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder<ResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<ResponseMessage>
            {
                MaxRetryAttempts = maxRetryAttempts,
                Delay = retryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .AddTimeout(attemptTimeout)
            .Build();

    /// <summary>A 429's <c>x-ms-retry-after-ms</c>, or null to use the back-off.</summary>
    internal static TimeSpan? RetryAfter(ResponseMessage? response) =>
        response?.Headers["x-ms-retry-after-ms"] is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    internal static bool ShouldRetry(Outcome<ResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Result: { } response } => IsTransient(response.StatusCode),
        { Exception: CosmosException cosmos } => IsTransient(cosmos.StatusCode),
        { Exception: TimeoutRejectedException } => true,
        { Exception: HttpRequestException } => true,
        // The SDK's own timeouts surface as cancellations; the caller's cancellation never retries.
        { Exception: OperationCanceledException } => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
