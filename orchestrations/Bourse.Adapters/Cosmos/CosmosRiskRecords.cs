using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// The saga's risk records on Cosmos DB: each order's decision (container partitioned by <c>/orderId</c>, id = order id)
/// and the flags of allowed orders for the regulatory reports (partitioned by <c>/day</c>, the UTC day evaluated, id =
/// <c>{orderId}:{ruleId}</c>).
/// </summary>
/// <remarks>
/// Both are create-only: a 409 means an earlier delivery wrote it, and the first write wins, as the ports ask. Documents
/// go through the stream API with System.Text.Json, so the decision's decimals and times round-trip exactly, whatever
/// serializer the client was built with.
/// </remarks>
public sealed class CosmosRiskRecords(Container decisions, Container flags) : IRiskDecisionStore, IRegulatoryFlagSink, IRegulatoryFlagSource
{
    private readonly Container _flags = flags;

    /// <summary>Creates the two containers if needed.</summary>
    public static async Task<(Container Decisions, Container Flags)> CreateContainersIfNotExistsAsync(
        Database database, string decisionsContainer = "risk-decisions", string flagsContainer = "regulatory-flags", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var decisions = await database.CreateContainerIfNotExistsAsync(decisionsContainer, "/orderId", cancellationToken: cancellationToken).ConfigureAwait(false);
        var flags = await database.CreateContainerIfNotExistsAsync(flagsContainer, "/day", cancellationToken: cancellationToken).ConfigureAwait(false);
        return (decisions.Container, flags.Container);
    }

    public async ValueTask<RiskDecision?> FindAsync(string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        using var response = await decisions.ReadItemStreamAsync(orderId, new PartitionKey(orderId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var document = await JsonNode.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
        return document?["decision"].Deserialize<RiskDecision>();
    }

    public async ValueTask SaveAsync(string orderId, RiskDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        ArgumentNullException.ThrowIfNull(decision);
        var document = new JsonObject
        {
            ["id"] = orderId,
            ["orderId"] = orderId,
            ["decision"] = JsonSerializer.SerializeToNode(decision),
        };
        await CreateOnceAsync(decisions, document, orderId, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask RecordAsync(IReadOnlyList<RegulatoryFlag> flags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flags);
        foreach (var flag in flags)
        {
            var day = Day(flag.EvaluatedAt);
            var document = JsonSerializer.SerializeToNode(flag)!.AsObject();
            document["id"] = $"{flag.OrderId}:{flag.RuleId}";
            document["day"] = day;
            await CreateOnceAsync(_flags, document, day, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The flags recorded for one UTC day, for the day's regulatory reports.</summary>
    public async Task<IReadOnlyList<RegulatoryFlag>> GetFlagsAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var key = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var found = new List<RegulatoryFlag>();
        using var feed = _flags.GetItemQueryStreamIterator(
            "SELECT * FROM c", requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(key) });
        while (feed.HasMoreResults)
        {
            using var page = await feed.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            page.EnsureSuccessStatusCode();
            var body = await JsonNode.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in body?["Documents"]?.AsArray() ?? [])
            {
                found.Add(item.Deserialize<RegulatoryFlag>()!);
            }
        }

        return found;
    }

    /// <inheritdoc/>
    /// <remarks>Reads each UTC day the window touches (a business day in Asia/Shanghai spans two), then keeps the window.</remarks>
    public async Task<IReadOnlyList<RegulatoryFlag>> GetFlagsAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        if (until <= since)
        {
            return [];
        }

        var found = new List<RegulatoryFlag>();
        var last = DateOnly.FromDateTime(until.UtcDateTime.AddTicks(-1));
        for (var day = DateOnly.FromDateTime(since.UtcDateTime); day <= last; day = day.AddDays(1))
        {
            found.AddRange((await GetFlagsAsync(day, cancellationToken).ConfigureAwait(false)).Where(f => f.EvaluatedAt >= since && f.EvaluatedAt < until));
        }

        return found;
    }

    private static string Day(DateTimeOffset evaluatedAt) => evaluatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task CreateOnceAsync(Container container, JsonObject document, string partitionKey, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString()));
        using var response = await container.CreateItemStreamAsync(body, new PartitionKey(partitionKey), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            response.EnsureSuccessStatusCode();
        }
    }
}
