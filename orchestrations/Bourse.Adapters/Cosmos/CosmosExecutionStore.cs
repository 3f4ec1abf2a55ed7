using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;
using Polly;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// The executions store on Cosmos DB: every report the relay consumed, container partitioned by <c>/instrumentId</c>,
/// id <c>{instrument}:{instrumentSequence}</c>, create-only (409 = stored before: first write wins).
/// </summary>
/// <remarks>
/// <para><b>Why by instrument, not by instrument and day.</b> A document's partition key must come from the report alone,
/// or a redelivered report could land in a second partition under the same id and be stored twice. The published report
/// carries no time that survives a republish (<c>transact_time</c> is not filled yet, and the hub's enqueued time changes
/// when the engine host republishes after a restart, possibly past midnight). Both reads are then single-partition:
/// an engine order's reports (the saga's catch-up) and a sequence window (reconciliation). The cost: one logical
/// partition per instrument holds at most 20 GB (some 40 million reports of ~500 bytes); before a book gets there, add a
/// sequence bucket to the key (<c>{instrument}:{sequence / 10^6}</c>, also computed from the report alone) or archive
/// reconciled windows.</para>
/// <para>Sequences and ids are JSON numbers (exact up to 2^53); amounts here are integer ticks and units. <c>accountId</c> is the
/// engine's account number of the report's order; a document without it (stored before the engine published accounts)
/// reads as 0.</para>
/// </remarks>
public sealed class CosmosExecutionStore : IExecutionStore
{
    private readonly Container _container;
    private readonly ResiliencePipeline<ResponseMessage> _pipeline;

    /// <summary>A store on <paramref name="container"/> (partition key <c>/instrumentId</c>), retrying as
    /// <paramref name="resilience"/> says (its retry settings only).</summary>
    public CosmosExecutionStore(Container container, CosmosLedgerOptions? resilience = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _pipeline = CosmosResilience.Create(resilience ?? new CosmosLedgerOptions(), timeProvider ?? TimeProvider.System);
    }

    /// <summary>Creates the container if needed.</summary>
    public static async Task<Container> CreateContainerIfNotExistsAsync(Database database, string name = "executions", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var response = await database.CreateContainerIfNotExistsAsync(name, "/instrumentId", cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Container;
    }

    /// <summary>The document id of a report.</summary>
    public static string Id(int instrumentId, long instrumentSequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{instrumentId}:{instrumentSequence}");

    /// <inheritdoc/>
    public async ValueTask<bool> StoreAsync(StoredExecution execution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var r = execution.Report;
        var document = new JsonObject
        {
            ["id"] = Id(r.InstrumentId, r.InstrumentSequence),
            ["instrumentId"] = Key(r.InstrumentId),
            ["instrumentSequence"] = r.InstrumentSequence,
            ["engineOrderId"] = r.EngineOrderId,
            ["kind"] = r.Kind.ToString(),
            ["tradeId"] = r.TradeId,
            ["priceTicks"] = r.PriceTicks,
            ["quantity"] = r.Quantity,
            ["side"] = execution.Side?.ToString(),
            ["accountId"] = execution.EngineAccountId,
            ["reason"] = r.Reason,
            ["rejectedRequest"] = r.RejectedRequest.ToString(),
            ["storedAt"] = execution.StoredAt.ToString("O", CultureInfo.InvariantCulture),
            ["storedAtMs"] = execution.StoredAt.ToUnixTimeMilliseconds(),
        };
        var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());
        using var response = await CosmosCalls.SendAsync(
            _pipeline, ct => _container.CreateItemStreamAsync(new MemoryStream(bytes), new PartitionKey(Key(r.InstrumentId)), cancellationToken: ct),
            $"store execution {document["id"]}", cancellationToken).ConfigureAwait(false);
        CosmosCalls.Require(response, $"store execution {document["id"]}", HttpStatusCode.Conflict);
        return response.StatusCode != HttpStatusCode.Conflict;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StoredExecution>> GetByEngineOrderAsync(int instrumentId, long engineOrderId, CancellationToken cancellationToken = default)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.engineOrderId = @order").WithParameter("@order", engineOrderId);
        return await QueryAsync(instrumentId, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StoredExecution>> GetWindowAsync(ExecutionWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        var text = new StringBuilder("SELECT * FROM c WHERE c.instrumentSequence >= @from AND c.instrumentSequence <= @to");
        if (window.StoredFrom is not null)
        {
            text.Append(" AND c.storedAtMs >= @storedFrom");
        }

        if (window.StoredTo is not null)
        {
            text.Append(" AND c.storedAtMs < @storedTo");
        }

        var query = new QueryDefinition(text.ToString())
            .WithParameter("@from", window.FromSequence)
            .WithParameter("@to", window.ToSequence)
            .WithParameter("@storedFrom", window.StoredFrom?.ToUnixTimeMilliseconds() ?? 0)
            .WithParameter("@storedTo", window.StoredTo?.ToUnixTimeMilliseconds() ?? 0);
        return await QueryAsync(window.InstrumentId, query, cancellationToken).ConfigureAwait(false);
    }

    private static string Key(int instrumentId) => instrumentId.ToString(CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<StoredExecution>> QueryAsync(int instrumentId, QueryDefinition query, CancellationToken cancellationToken)
    {
        var found = new List<StoredExecution>();
        await foreach (var item in ItemsAsync(instrumentId, query, cancellationToken).ConfigureAwait(false))
        {
            found.Add(Read(item));
        }

        found.Sort((a, b) => a.Report.InstrumentSequence.CompareTo(b.Report.InstrumentSequence));
        return found;
    }

    private async IAsyncEnumerable<JsonElement> ItemsAsync(int instrumentId, QueryDefinition query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var iterator = _container.GetItemQueryStreamIterator(
            query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(Key(instrumentId)), MaxItemCount = 500 });
        while (iterator.HasMoreResults)
        {
            using var page = await CosmosCalls.SendAsync(_pipeline, ct => iterator.ReadNextAsync(ct), "query executions", cancellationToken).ConfigureAwait(false);
            CosmosCalls.Require(page, "query executions");
            using var json = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
            {
                yield return item.Clone();
            }
        }
    }

    private static StoredExecution Read(JsonElement item)
    {
        var report = new ExecutionReport(
            int.Parse(item.GetProperty("instrumentId").GetString()!, CultureInfo.InvariantCulture),
            item.GetProperty("instrumentSequence").GetInt64(),
            Enum.Parse<ExecutionKind>(item.GetProperty("kind").GetString()!),
            item.GetProperty("engineOrderId").GetInt64(),
            item.GetProperty("tradeId").GetInt64(),
            item.GetProperty("priceTicks").GetInt64(),
            item.GetProperty("quantity").GetInt64(),
            item.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null,
            Enum.Parse<RequestKind>(item.GetProperty("rejectedRequest").GetString()!));
        OrderSide? side = item.TryGetProperty("side", out var s) && s.ValueKind == JsonValueKind.String ? Enum.Parse<OrderSide>(s.GetString()!) : null;
        // Documents stored before reports carried accounts have none: 0, as the engine's "no account".
        long account = item.TryGetProperty("accountId", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt64() : 0;
        return new StoredExecution(report, side, DateTimeOffset.Parse(item.GetProperty("storedAt").GetString()!, CultureInfo.InvariantCulture), account);
    }
}
