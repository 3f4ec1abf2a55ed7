using Bourse.Adapters.Cosmos.Documents;

namespace Bourse.Adapters.Cosmos;

/// <summary>A stored document and the ETag it was read with.</summary>
internal sealed record Versioned<T>(T Document, string ETag);

/// <summary>The result of a conditional write.</summary>
internal enum WriteResult
{
    Done = 0,

    /// <summary>Create: a document with this id exists (409).</summary>
    Conflict = 1,

    /// <summary>Replace or conditional patch: the document changed since it was read (412).</summary>
    PreconditionFailed = 2,
}

/// <summary>
/// Every read and write the ledger makes, one Cosmos DB call each (the seam where tests inject crashes). Each call
/// touches one partition. Implementations retry transient failures themselves and throw <see cref="LedgerException"/>
/// when that is not enough; 409 and 412 are answers, never retried here.
/// </summary>
internal interface ILedgerStore
{
    Task<Versioned<AccountDocument>?> ReadAccountAsync(string accountId, CancellationToken cancellationToken);

    Task<WriteResult> CreateAccountAsync(AccountDocument account, CancellationToken cancellationToken);

    Task<WriteResult> ReplaceAccountAsync(AccountDocument account, string etag, CancellationToken cancellationToken);

    Task<Versioned<EntryDocument>?> ReadEntryAsync(string id, string partitionKey, CancellationToken cancellationToken);

    Task<WriteResult> CreateEntryAsync(EntryDocument entry, CancellationToken cancellationToken);

    /// <summary>Records that the entry is applied to <paramref name="accountId"/> (idempotent patch).</summary>
    Task MarkAppliedAsync(string id, string partitionKey, string accountId, CancellationToken cancellationToken);

    /// <summary>Sets the final status if the entry is still pending (412 = it already is final: not an error).</summary>
    Task MarkFinalAsync(string id, string partitionKey, string status, DateTimeOffset at, RefusalDocument? refusal, CancellationToken cancellationToken);

    /// <summary>Records what keeps a pending entry pending.</summary>
    Task MarkBlockedAsync(string id, string partitionKey, RefusalDocument refusal, CancellationToken cancellationToken);

    /// <summary>Entries recorded in [<paramref name="fromMs"/>, <paramref name="toMs"/>) (Unix ms), of one status or all.</summary>
    IAsyncEnumerable<EntryDocument> QueryEntriesAsync(long fromMs, long toMs, string? status, CancellationToken cancellationToken);

    /// <summary>Entries whose id starts with <paramref name="idPrefix"/>, whatever their status (a cross-partition query).</summary>
    IAsyncEnumerable<EntryDocument> QueryEntriesByIdPrefixAsync(string idPrefix, CancellationToken cancellationToken);
}
