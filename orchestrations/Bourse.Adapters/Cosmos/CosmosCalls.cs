using System.Net;
using Microsoft.Azure.Cosmos;
using Polly;

namespace Bourse.Adapters.Cosmos;

/// <summary>One Cosmos DB call through a <see cref="CosmosResilience"/> pipeline, for the stores outside the ledger: a
/// transient failure that outlasts the retries is thrown (<see cref="CosmosException"/>), so that the caller (the relay,
/// an activity) retries or stops.</summary>
internal static class CosmosCalls
{
    public static async Task<ResponseMessage> SendAsync(
        ResiliencePipeline<ResponseMessage> pipeline, Func<CancellationToken, Task<ResponseMessage>> call, string what, CancellationToken cancellationToken)
    {
        var response = await pipeline.ExecuteAsync(
            static async (state, ct) => await state(ct).ConfigureAwait(false), call, cancellationToken).ConfigureAwait(false);
        if (CosmosResilience.IsTransient(response.StatusCode))
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new CosmosException($"{what}: still {(int)status} {status} after the retries", status, 0, string.Empty, 0);
        }

        return response;
    }

    /// <summary>Throws for anything but success and the statuses <paramref name="allowed"/>.</summary>
    public static void Require(ResponseMessage response, string what, params HttpStatusCode[] allowed)
    {
        if (!response.IsSuccessStatusCode && !allowed.Contains(response.StatusCode))
        {
            throw new CosmosException($"{what}: {(int)response.StatusCode} {response.ErrorMessage}", response.StatusCode, 0, string.Empty, 0);
        }
    }
}
