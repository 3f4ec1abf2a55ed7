using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;
using Polly;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// The order links on Cosmos DB: engine order → saga, id <c>{instrument}:{engineOrderId}</c>, partitioned by that id
/// (<c>/id</c>), create-only (409: linked before; the stored link is read back and answered, first write wins).
/// </summary>
/// <remarks>Every access is a point read or write by id (the relay, per report) or a read of many ids (reconciliation),
/// so a partition per link spreads the load evenly and never fills up.</remarks>
public sealed class CosmosOrderLinkStore : IOrderLinkStore
{
    private readonly Container _container;
    private readonly ResiliencePipeline<ResponseMessage> _pipeline;

    /// <summary>A store on <paramref name="container"/> (partition key <c>/id</c>).</summary>
    public CosmosOrderLinkStore(Container container, CosmosLedgerOptions? resilience = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _pipeline = CosmosResilience.Create(resilience ?? new CosmosLedgerOptions(), timeProvider ?? TimeProvider.System);
    }

    /// <summary>Creates the container if needed.</summary>
    public static async Task<Container> CreateContainerIfNotExistsAsync(Database database, string name = "order-links", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var response = await database.CreateContainerIfNotExistsAsync(name, "/id", cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Container;
    }

    /// <inheritdoc/>
    public async ValueTask<OrderLink> LinkAsync(OrderLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        var id = Id(link.InstrumentId, link.EngineOrderId);
        var document = new JsonObject
        {
            ["id"] = id,
            ["instrumentId"] = link.InstrumentId,
            ["engineOrderId"] = link.EngineOrderId,
            ["orderId"] = link.OrderId,
            ["accountId"] = link.AccountId,
            ["side"] = link.Side.ToString(),
        };
        var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());
        using (var created = await CosmosCalls.SendAsync(
            _pipeline, ct => _container.CreateItemStreamAsync(new MemoryStream(bytes), new PartitionKey(id), cancellationToken: ct), $"link {id}", cancellationToken).ConfigureAwait(false))
        {
            CosmosCalls.Require(created, $"link {id}", HttpStatusCode.Conflict);
            if (created.StatusCode != HttpStatusCode.Conflict)
            {
                return link;
            }
        }

        var found = await FindAsync(link.InstrumentId, [link.EngineOrderId], cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(link.EngineOrderId, out var stored) ? stored : throw new InvalidOperationException($"link {id}: 409 on create, yet not found");
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyDictionary<long, OrderLink>> FindAsync(
        int instrumentId, IReadOnlyCollection<long> engineOrderIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engineOrderIds);
        var found = new Dictionary<long, OrderLink>();
        // Point reads: one partition each, and the local server answers them exactly (404 for a missing link).
        foreach (var engineOrderId in engineOrderIds.Distinct())
        {
            var id = Id(instrumentId, engineOrderId);
            using var response = await CosmosCalls.SendAsync(
                _pipeline, ct => _container.ReadItemStreamAsync(id, new PartitionKey(id), cancellationToken: ct), $"read link {id}", cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }

            CosmosCalls.Require(response, $"read link {id}");
            using var json = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            var item = json.RootElement;
            found[engineOrderId] = new OrderLink(
                item.GetProperty("instrumentId").GetInt32(), item.GetProperty("engineOrderId").GetInt64(), item.GetProperty("orderId").GetString()!,
                item.GetProperty("accountId").GetString()!, Enum.Parse<OrderSide>(item.GetProperty("side").GetString()!));
        }

        return found;
    }

    private static string Id(int instrumentId, long engineOrderId) => string.Create(CultureInfo.InvariantCulture, $"{instrumentId}:{engineOrderId}");
}
