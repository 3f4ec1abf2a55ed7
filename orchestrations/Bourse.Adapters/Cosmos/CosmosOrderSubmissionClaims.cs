using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;
using Polly;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// The API's submission claims on Cosmos DB: a create-only document <c>submission:{orderId}</c> (201: claimed here; 409:
/// claimed before). They live in the order links' container (partition key <c>/id</c>, point writes only), under their
/// own id prefix, so no container is added for one document per order.
/// </summary>
public sealed class CosmosOrderSubmissionClaims : IOrderSubmissionClaims
{
    private readonly Container _container;
    private readonly ResiliencePipeline<ResponseMessage> _pipeline;
    private readonly TimeProvider _timeProvider;

    /// <summary>Claims on <paramref name="container"/> (partition key <c>/id</c>; the order links' container).</summary>
    public CosmosOrderSubmissionClaims(Container container, CosmosLedgerOptions? resilience = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _pipeline = CosmosResilience.Create(resilience ?? new CosmosLedgerOptions(), _timeProvider);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> TryClaimAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        var id = "submission:" + orderId;
        var document = new JsonObject { ["id"] = id, ["orderId"] = orderId, ["claimedAt"] = _timeProvider.GetUtcNow().ToString("O") };
        var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());
        // A retried create whose first attempt landed answers 409 as well: the claim is then ours but reported as taken;
        // the API then waits for a saga nobody starts and, after its wait, starts it itself (as for a claimer that died).
        using var created = await CosmosCalls.SendAsync(
            _pipeline, ct => _container.CreateItemStreamAsync(new MemoryStream(bytes), new PartitionKey(id), cancellationToken: ct), $"claim {id}", cancellationToken).ConfigureAwait(false);
        CosmosCalls.Require(created, $"claim {id}", HttpStatusCode.Conflict);
        return created.StatusCode != HttpStatusCode.Conflict;
    }
}
