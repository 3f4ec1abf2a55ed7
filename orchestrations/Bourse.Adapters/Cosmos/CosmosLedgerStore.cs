using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Bourse.Adapters.Cosmos.Documents;
using Microsoft.Azure.Cosmos;
using Polly;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// <see cref="ILedgerStore"/> on two containers, through the stream API (the documents are (de)serialized here with
/// System.Text.Json whatever serializer the client was built with; 404, 409 and 412 come back as status codes, not
/// exceptions), each call inside the <see cref="CosmosResilience"/> pipeline.
/// </summary>
internal sealed class CosmosLedgerStore(Container accounts, Container entries, ResiliencePipeline<ResponseMessage> pipeline) : ILedgerStore
{
    internal static readonly JsonSerializerOptions Json = new() { Converters = { new DecimalStringConverter() } };

    public async Task<Versioned<AccountDocument>?> ReadAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            ct => accounts.ReadItemStreamAsync(accountId, new PartitionKey(accountId), cancellationToken: ct), $"read account {accountId}", cancellationToken).ConfigureAwait(false);
        return await ReadDocumentAsync<AccountDocument>(response, $"account {accountId}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteResult> CreateAccountAsync(AccountDocument account, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            ct => accounts.CreateItemStreamAsync(Serialize(account), new PartitionKey(account.AccountId), cancellationToken: ct),
            $"create account {account.AccountId}", cancellationToken).ConfigureAwait(false);
        return WriteOutcome(response, $"create account {account.AccountId}");
    }

    public async Task<WriteResult> ReplaceAccountAsync(AccountDocument account, string etag, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            ct => accounts.ReplaceItemStreamAsync(Serialize(account), account.Id, new PartitionKey(account.AccountId), new ItemRequestOptions { IfMatchEtag = etag }, ct),
            $"replace account {account.AccountId}", cancellationToken).ConfigureAwait(false);
        return WriteOutcome(response, $"replace account {account.AccountId}");
    }

    public async Task<Versioned<EntryDocument>?> ReadEntryAsync(string id, string partitionKey, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            ct => entries.ReadItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: ct), $"read entry {id}", cancellationToken).ConfigureAwait(false);
        return await ReadDocumentAsync<EntryDocument>(response, $"entry {id}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<WriteResult> CreateEntryAsync(EntryDocument entry, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            ct => entries.CreateItemStreamAsync(Serialize(entry), new PartitionKey(entry.PartitionKey), cancellationToken: ct),
            $"create entry {entry.Id}", cancellationToken).ConfigureAwait(false);
        return WriteOutcome(response, $"create entry {entry.Id}");
    }

    public async Task MarkAppliedAsync(string id, string partitionKey, string accountId, CancellationToken cancellationToken)
    {
        var operations = new[] { PatchOperation.Set($"/appliedTo/{EscapePointer(accountId)}", true) };
        using var response = await SendAsync(
            ct => entries.PatchItemStreamAsync(id, new PartitionKey(partitionKey), operations, cancellationToken: ct),
            $"mark entry {id} applied to {accountId}", cancellationToken).ConfigureAwait(false);
        WriteOutcome(response, $"mark entry {id} applied to {accountId}");
    }

    public async Task MarkFinalAsync(string id, string partitionKey, string status, DateTimeOffset at, RefusalDocument? refusal, CancellationToken cancellationToken)
    {
        var operations = new List<PatchOperation>
        {
            PatchOperation.Set("/status", status),
            PatchOperation.Set("/completedAt", at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
        };
        if (refusal is not null)
        {
            operations.Add(PatchOperation.Set("/refusal", ToMap(refusal)));
        }

        var options = new PatchItemRequestOptions { FilterPredicate = $"FROM c WHERE c.status = '{EntryStatuses.Pending}'" };
        using var response = await SendAsync(
            ct => entries.PatchItemStreamAsync(id, new PartitionKey(partitionKey), operations, options, ct),
            $"mark entry {id} {status}", cancellationToken).ConfigureAwait(false);
        // 412: another writer made it final first (it can only have been made final the same way).
        WriteOutcome(response, $"mark entry {id} {status}");
    }

    public async Task MarkBlockedAsync(string id, string partitionKey, RefusalDocument refusal, CancellationToken cancellationToken)
    {
        var operations = new[] { PatchOperation.Set("/refusal", ToMap(refusal)) };
        var options = new PatchItemRequestOptions { FilterPredicate = $"FROM c WHERE c.status = '{EntryStatuses.Pending}'" };
        using var response = await SendAsync(
            ct => entries.PatchItemStreamAsync(id, new PartitionKey(partitionKey), operations, options, ct),
            $"mark entry {id} blocked", cancellationToken).ConfigureAwait(false);
        WriteOutcome(response, $"mark entry {id} blocked");
    }

    public IAsyncEnumerable<EntryDocument> QueryEntriesAsync(long fromMs, long toMs, string? status, CancellationToken cancellationToken)
    {
        var text = "SELECT * FROM c WHERE c.recordedAtMs >= @from AND c.recordedAtMs < @to" + (status is null ? string.Empty : " AND c.status = @status");
        var query = new QueryDefinition(text).WithParameter("@from", fromMs).WithParameter("@to", toMs);
        if (status is not null)
        {
            query = query.WithParameter("@status", status);
        }

        return QueryAsync(query, cancellationToken);
    }

    public IAsyncEnumerable<EntryDocument> QueryEntriesByIdPrefixAsync(string idPrefix, CancellationToken cancellationToken) =>
        QueryAsync(new QueryDefinition("SELECT * FROM c WHERE STARTSWITH(c.id, @prefix)").WithParameter("@prefix", idPrefix), cancellationToken);

    private async IAsyncEnumerable<EntryDocument> QueryAsync(QueryDefinition query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var iterator = entries.GetItemQueryStreamIterator(query, requestOptions: new QueryRequestOptions { MaxItemCount = 200 });
        while (iterator.HasMoreResults)
        {
            using var page = await SendAsync(ct => iterator.ReadNextAsync(ct), "query entries", cancellationToken).ConfigureAwait(false);
            Require(page, "query entries");
            using var json = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
            {
                yield return item.Deserialize<EntryDocument>(Json)
                    ?? throw new LedgerException(LedgerFailureReason.CorruptDocument, "a queried entry document is null");
            }
        }
    }

    /// <summary>JSON Pointer escaping of one path segment (RFC 6901).</summary>
    internal static string EscapePointer(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static Dictionary<string, string> ToMap(RefusalDocument refusal) => new(StringComparer.Ordinal)
    {
        ["code"] = refusal.Code,
        ["accountId"] = refusal.AccountId,
        ["asset"] = refusal.Asset,
        ["detail"] = refusal.Detail,
    };

    private Task<ResponseMessage> SendAsync(Func<CancellationToken, Task<ResponseMessage>> call, string what, CancellationToken cancellationToken) =>
        CosmosResilience.SendAsync(
            pipeline, call, what, static (message, cause) => new LedgerException(LedgerFailureReason.ServiceUnavailable, message, cause), cancellationToken);

    private static async Task<Versioned<T>?> ReadDocumentAsync<T>(ResponseMessage response, string what, CancellationToken cancellationToken)
        where T : class
    {
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Require(response, $"read {what}");
        T? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<T>(response.Content, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new LedgerException(LedgerFailureReason.CorruptDocument, $"{what}: {ex.Message}", ex);
        }

        return document is null
            ? throw new LedgerException(LedgerFailureReason.CorruptDocument, $"{what} is null")
            : new Versioned<T>(document, response.Headers.ETag);
    }

    private static WriteResult WriteOutcome(ResponseMessage response, string what) => response.StatusCode switch
    {
        HttpStatusCode.Conflict => WriteResult.Conflict,
        HttpStatusCode.PreconditionFailed => WriteResult.PreconditionFailed,
        _ => Require(response, what),
    };

    private static WriteResult Require(ResponseMessage response, string what) =>
        response.IsSuccessStatusCode
            ? WriteResult.Done
            : throw new LedgerException(LedgerFailureReason.ServiceUnavailable,
                string.Create(CultureInfo.InvariantCulture, $"{what}: unexpected {(int)response.StatusCode} {response.StatusCode} {response.ErrorMessage}"));

    private static MemoryStream Serialize<T>(T document) => new(JsonSerializer.SerializeToUtf8Bytes(document, Json));
}
