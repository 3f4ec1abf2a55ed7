using System.Net;
using Bourse.Adapters.Cosmos;
using Microsoft.Azure.Cosmos;
using Polly;

namespace Bourse.Adapters.Tests.Cosmos;

/// <summary>The Polly pipeline around Cosmos DB calls: what it retries and what it leaves to the ledger's logic.</summary>
public sealed class CosmosResilienceTests
{
    private static ResiliencePipeline<ResponseMessage> Pipeline(int retries = 3) =>
        CosmosResilience.Create(new CosmosLedgerOptions { MaxRetryAttempts = retries, RetryDelay = TimeSpan.FromMilliseconds(1) }, TimeProvider.System);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task Transient_statuses_are_retried_until_success(HttpStatusCode status)
    {
        var calls = 0;
        using var response = await Pipeline().ExecuteAsync(_ => ValueTask.FromResult(new ResponseMessage(++calls < 3 ? status : HttpStatusCode.OK)));
        Assert.Equal((HttpStatusCode.OK, 3), (response.StatusCode, calls));
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task Logic_statuses_are_not_retried(HttpStatusCode status)
    {
        var calls = 0;
        using var response = await Pipeline().ExecuteAsync(_ =>
        {
            calls++;
            return ValueTask.FromResult(new ResponseMessage(status));
        });
        Assert.Equal((status, 1), (response.StatusCode, calls));
    }

    [Fact]
    public async Task Transient_exceptions_are_retried_and_the_last_outcome_stays_after_the_retries()
    {
        var calls = 0;
        await Assert.ThrowsAsync<CosmosException>(() => Pipeline(retries: 2).ExecuteAsync<ResponseMessage>(_ =>
        {
            calls++;
            throw new CosmosException("busy", HttpStatusCode.ServiceUnavailable, 0, "a", 0);
        }).AsTask());
        Assert.Equal(3, calls);
    }

    [Fact]
    public void The_caller_cancelling_is_not_retried_but_an_SDK_timeout_is()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.False(CosmosResilience.ShouldRetry(Outcome.FromException<ResponseMessage>(new OperationCanceledException()), cancelled.Token));
        Assert.True(CosmosResilience.ShouldRetry(Outcome.FromException<ResponseMessage>(new OperationCanceledException()), CancellationToken.None));
        Assert.True(CosmosResilience.ShouldRetry(Outcome.FromException<ResponseMessage>(new Polly.Timeout.TimeoutRejectedException()), CancellationToken.None));
        Assert.False(CosmosResilience.ShouldRetry(Outcome.FromException<ResponseMessage>(new InvalidOperationException()), CancellationToken.None));
    }

    [Fact]
    public void A_429_Retry_After_is_the_delay()
    {
        using var response = new ResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers["x-ms-retry-after-ms"] = "250";
        Assert.Equal(TimeSpan.FromMilliseconds(250), CosmosResilience.RetryAfter(response));
        using var without = new ResponseMessage(HttpStatusCode.TooManyRequests);
        Assert.Null(CosmosResilience.RetryAfter(without));
    }
}
