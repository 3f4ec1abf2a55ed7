using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;
using Polly;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// The API's start claims on Cosmos DB: a create-only document <c>submission:{instanceId}</c> (201: claimed here; 409:
/// claimed before). They live in the order links' container (partition key <c>/id</c>, point writes only), under their
/// own id prefix, so no container is added for one document per order or report run.
/// </summary>
public sealed class CosmosOrchestrationStartClaims : IOrchestrationStartClaims
{
    private readonly Container _container;
    private readonly ResiliencePipeline<ResponseMessage> _pipeline;
    private readonly TimeProvider _timeProvider;

    /// <summary>Claims on <paramref name="container"/> (partition key <c>/id</c>; the order links' container).</summary>
    public CosmosOrchestrationStartClaims(Container container, CosmosLedgerOptions? resilience = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _pipeline = CosmosResilience.Create(resilience ?? new CosmosLedgerOptions(), _timeProvider);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> TryClaimAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var id = "submission:" + instanceId;
        var document = new JsonObject { ["id"] = id, ["instanceId"] = instanceId, ["claimedAt"] = _timeProvider.GetUtcNow().ToString("O") };
        var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());
        // A retried create whose first attempt landed answers 409 as well: the claim is then ours but reported as taken,
        // and nobody starts the saga until a later request takes the claim over (TryTakeOverAsync), as for a dead claimer.
        using var created = await CosmosCalls.SendAsync(
            _pipeline, ct => _container.CreateItemStreamAsync(new MemoryStream(bytes), new PartitionKey(id), cancellationToken: ct), $"claim {id}", cancellationToken).ConfigureAwait(false);
        CosmosCalls.Require(created, $"claim {id}", HttpStatusCode.Conflict);
        return created.StatusCode != HttpStatusCode.Conflict;
    }

    /// <inheritdoc/>
    /// <remarks>Read the claim, and if it is old enough replace it with a new claim time on the condition of its ETag: a
    /// concurrent takeover changed the ETag, so its replace fails with 412 and only one caller wins.</remarks>
    public async ValueTask<bool> TryTakeOverAsync(string instanceId, TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var id = "submission:" + instanceId;
        using var read = await CosmosCalls.SendAsync(
            _pipeline, ct => _container.ReadItemStreamAsync(id, new PartitionKey(id), cancellationToken: ct), $"read claim {id}", cancellationToken).ConfigureAwait(false);
        CosmosCalls.Require(read, $"read claim {id}", HttpStatusCode.NotFound);
        if (read.StatusCode == HttpStatusCode.NotFound)
        {
            return await TryClaimAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }

        var claim = await JsonNode.ParseAsync(read.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        if (claim?["claimedAt"]?.GetValue<string>() is { } text
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var claimedAt)
            && now - claimedAt < olderThan)
        {
            return false;
        }

        var document = new JsonObject { ["id"] = id, ["instanceId"] = instanceId, ["claimedAt"] = now.ToString("O"), ["takenOver"] = true };
        var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());
        // No retry here: a replace whose first attempt landed would fail its retry on the changed ETag and report a lost
        // takeover that was won (the saga would then wait for the next takeover).
        using var replaced = await _container.ReplaceItemStreamAsync(
            new MemoryStream(bytes), id, new PartitionKey(id), new ItemRequestOptions { IfMatchEtag = read.Headers.ETag }, cancellationToken).ConfigureAwait(false);
        CosmosCalls.Require(replaced, $"take over claim {id}", HttpStatusCode.PreconditionFailed);
        return replaced.StatusCode != HttpStatusCode.PreconditionFailed;
    }

    /// <inheritdoc/>
    /// <remarks>An unconditional replace: only the holder renews, and a renewal that lands after a takeover only makes the
    /// claim younger, which delays nothing but a further takeover.</remarks>
    public async ValueTask RenewAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var id = "submission:" + instanceId;
        var document = new JsonObject { ["id"] = id, ["instanceId"] = instanceId, ["claimedAt"] = _timeProvider.GetUtcNow().ToString("O"), ["renewed"] = true };
        var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());
        using var replaced = await CosmosCalls.SendAsync(
            _pipeline, ct => _container.UpsertItemStreamAsync(new MemoryStream(bytes), new PartitionKey(id), cancellationToken: ct), $"renew claim {id}", cancellationToken).ConfigureAwait(false);
        CosmosCalls.Require(replaced, $"renew claim {id}");
    }
}
