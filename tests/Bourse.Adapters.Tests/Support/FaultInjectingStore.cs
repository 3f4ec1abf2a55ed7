using Bourse.Adapters.Cosmos;
using Bourse.Adapters.Cosmos.Documents;

namespace Bourse.Adapters.Tests.Support;

/// <summary>The crash the tests simulate: the process dies right after a write reached Cosmos DB, before its answer was used.</summary>
internal sealed class SimulatedCrashException(string message) : Exception(message);

/// <summary>
/// Passes every call to the real store and, once armed, throws <see cref="SimulatedCrashException"/> right after the
/// write the trigger picks has been done: the write is in Cosmos DB, the caller never learns it. Counts 412s.
/// </summary>
internal sealed class FaultInjectingStore(ILedgerStore inner) : ILedgerStore
{
    private int _preconditionFailures;

    /// <summary>Which write to crash after: the operation name and the document id; true = crash (then disarmed).</summary>
    public Func<string, string, bool>? CrashAfter { get; set; }

    public int PreconditionFailures => Volatile.Read(ref _preconditionFailures);

    /// <summary>Another writer's work to run just before the next write to this account (once): a deterministic race.</summary>
    public (string AccountId, Func<Task> Action)? BeforeAccountWrite { get; set; }

    public Task<Versioned<AccountDocument>?> ReadAccountAsync(string accountId, CancellationToken cancellationToken) =>
        inner.ReadAccountAsync(accountId, cancellationToken);

    public async Task<WriteResult> CreateAccountAsync(AccountDocument account, CancellationToken cancellationToken)
    {
        await InterleaveAsync(account.Id);
        return Written(await inner.CreateAccountAsync(account, cancellationToken), "account", account.Id);
    }

    public async Task<WriteResult> ReplaceAccountAsync(AccountDocument account, string etag, CancellationToken cancellationToken)
    {
        await InterleaveAsync(account.Id);
        return Written(await inner.ReplaceAccountAsync(account, etag, cancellationToken), "account", account.Id);
    }

    public Task<Versioned<EntryDocument>?> ReadEntryAsync(string id, string partitionKey, CancellationToken cancellationToken) =>
        inner.ReadEntryAsync(id, partitionKey, cancellationToken);

    public async Task<WriteResult> CreateEntryAsync(EntryDocument entry, CancellationToken cancellationToken) =>
        Written(await inner.CreateEntryAsync(entry, cancellationToken), "entry", entry.Id);

    public async Task MarkAppliedAsync(string id, string partitionKey, string accountId, CancellationToken cancellationToken)
    {
        await inner.MarkAppliedAsync(id, partitionKey, accountId, cancellationToken);
        Written(WriteResult.Done, "applied", id);
    }

    public async Task MarkFinalAsync(string id, string partitionKey, string status, DateTimeOffset at, RefusalDocument? refusal, CancellationToken cancellationToken)
    {
        await inner.MarkFinalAsync(id, partitionKey, status, at, refusal, cancellationToken);
        Written(WriteResult.Done, "final", id);
    }

    public Task MarkBlockedAsync(string id, string partitionKey, RefusalDocument refusal, CancellationToken cancellationToken) =>
        inner.MarkBlockedAsync(id, partitionKey, refusal, cancellationToken);

    public IAsyncEnumerable<EntryDocument> QueryEntriesAsync(long fromMs, long toMs, string? status, CancellationToken cancellationToken) =>
        inner.QueryEntriesAsync(fromMs, toMs, status, cancellationToken);

    public IAsyncEnumerable<EntryDocument> QueryEntriesByIdPrefixAsync(string idPrefix, CancellationToken cancellationToken) =>
        inner.QueryEntriesByIdPrefixAsync(idPrefix, cancellationToken);

    private async Task InterleaveAsync(string accountId)
    {
        if (BeforeAccountWrite is { } race && string.Equals(race.AccountId, accountId, StringComparison.Ordinal))
        {
            BeforeAccountWrite = null;
            await race.Action();
        }
    }

    private WriteResult Written(WriteResult result, string operation, string id)
    {
        if (result == WriteResult.PreconditionFailed)
        {
            Interlocked.Increment(ref _preconditionFailures);
        }

        var trigger = CrashAfter;
        if (result == WriteResult.Done && trigger is not null && trigger(operation, id))
        {
            CrashAfter = null;
            throw new SimulatedCrashException($"crashed after {operation} {id}");
        }

        return result;
    }
}
