using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Bourse.Adapters.Cosmos.Documents;
using Microsoft.Azure.Cosmos;
using Polly;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// Point reads, creates, conditional replaces and single-partition queries of one container through the stream API
/// (documents in System.Text.Json with decimals as strings, whatever serializer the client was built with), each call
/// inside the <see cref="CosmosResilience"/> pipeline. 404, 409 and 412 are answers; what the retries cannot fix is a
/// <see cref="CosmosStoreException"/>.
/// </summary>
internal sealed class CosmosDocumentStore(Container container, ResiliencePipeline<ResponseMessage> pipeline)
{
    internal static readonly JsonSerializerOptions Json = new() { Converters = { new DecimalStringConverter() } };

    public Container Container => container;

    public async Task<Versioned<T>?> ReadAsync<T>(string id, string partitionKey, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(
            ct => container.ReadItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: ct), $"read {id}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Require(response, $"read {id}");
        var document = await DeserializeAsync<T>(response.Content, id, cancellationToken).ConfigureAwait(false);
        return new Versioned<T>(document, response.Headers.ETag);
    }

    /// <summary>Creates the document; <see cref="WriteResult.Conflict"/> when one with its id exists.</summary>
    public async Task<WriteResult> CreateAsync<T>(T document, string id, string partitionKey, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            ct => container.CreateItemStreamAsync(Serialize(document), new PartitionKey(partitionKey), cancellationToken: ct), $"create {id}", cancellationToken).ConfigureAwait(false);
        return Outcome(response, $"create {id}");
    }

    /// <summary>Replaces the document if it still has <paramref name="etag"/>; <see cref="WriteResult.PreconditionFailed"/> when not.</summary>
    public async Task<WriteResult> ReplaceAsync<T>(T document, string id, string partitionKey, string etag, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            ct => container.ReplaceItemStreamAsync(Serialize(document), id, new PartitionKey(partitionKey), new ItemRequestOptions { IfMatchEtag = etag }, ct),
            $"replace {id}", cancellationToken).ConfigureAwait(false);
        return Outcome(response, $"replace {id}");
    }

    /// <summary>The documents of one partition that <paramref name="query"/> selects.</summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(QueryDefinition query, string partitionKey, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        using var iterator = container.GetItemQueryStreamIterator(
            query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey), MaxItemCount = 500 });
        while (iterator.HasMoreResults)
        {
            using var page = await SendAsync(ct => iterator.ReadNextAsync(ct), "query", cancellationToken).ConfigureAwait(false);
            Require(page, "query");
            using var json = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in json.RootElement.GetProperty("Documents").EnumerateArray())
            {
                T? document;
                try
                {
                    document = item.Deserialize<T>(Json);
                }
                catch (JsonException ex)
                {
                    throw new CosmosStoreException(CosmosStoreFailureReason.CorruptDocument, $"a queried document: {ex.Message}", ex);
                }

                yield return document ?? throw new CosmosStoreException(CosmosStoreFailureReason.CorruptDocument, "a queried document is null");
            }
        }
    }

    private Task<ResponseMessage> SendAsync(Func<CancellationToken, Task<ResponseMessage>> call, string what, CancellationToken cancellationToken) =>
        CosmosResilience.SendAsync(
            pipeline, call, $"{container.Id}: {what}",
            static (message, cause) => new CosmosStoreException(CosmosStoreFailureReason.ServiceUnavailable, message, cause), cancellationToken);

    private static async Task<T> DeserializeAsync<T>(Stream content, string id, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(content, Json, cancellationToken).ConfigureAwait(false)
                ?? throw new CosmosStoreException(CosmosStoreFailureReason.CorruptDocument, $"document {id} is null");
        }
        catch (JsonException ex)
        {
            throw new CosmosStoreException(CosmosStoreFailureReason.CorruptDocument, $"document {id}: {ex.Message}", ex);
        }
    }

    private WriteResult Outcome(ResponseMessage response, string what) => response.StatusCode switch
    {
        HttpStatusCode.Conflict => WriteResult.Conflict,
        HttpStatusCode.PreconditionFailed => WriteResult.PreconditionFailed,
        _ => Require(response, what),
    };

    private WriteResult Require(ResponseMessage response, string what) =>
        response.IsSuccessStatusCode
            ? WriteResult.Done
            : throw new CosmosStoreException(CosmosStoreFailureReason.ServiceUnavailable,
                string.Create(CultureInfo.InvariantCulture, $"{container.Id}: {what}: unexpected {(int)response.StatusCode} {response.StatusCode} {response.ErrorMessage}"));

    private static MemoryStream Serialize<T>(T document) => new(JsonSerializer.SerializeToUtf8Bytes(document, Json));
}
