using System.Collections.Concurrent;
using System.Globalization;
using Bourse.Adapters.Cosmos.Documents;
using Bourse.Domain;
using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Ports;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// The instrument master (with each instrument's reference price) and the account register (with the owner's KYC data) on
/// Cosmos DB: the saga's <see cref="IReferenceData"/> and the price band rule's <see cref="IReferencePriceSource"/>. One
/// container partitioned by <c>/id</c> (<c>instrument:{id}</c>, <c>account:{id}</c>): every read is a point read.
/// </summary>
/// <remarks>
/// <para>Reads are cached in memory for <see cref="CosmosReferenceDataOptions.CacheExpiry"/> (every order reads its
/// instrument and account). A write through this instance is seen by its next read at once; a write by another process
/// within the expiry. Unknown ids are never cached, so an instrument or account created elsewhere is seen at once.</para>
/// <para>Writes read the document, change it and replace it on its ETag (retried on 412), so the master data and the
/// reference price, written separately, never overwrite each other. Thread-safe; register it as a singleton.</para>
/// </remarks>
public sealed class CosmosReferenceData : IReferenceData, IReferencePriceSource
{
    private readonly CosmosDocumentStore _store;
    private readonly CosmosReferenceDataOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);
    private readonly Lock _cacheGate = new();
    private long _writes;

    /// <summary>Reference data in <paramref name="container"/> (partitioned by <c>/id</c>).</summary>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is out of range.</exception>
    public CosmosReferenceData(Container container, CosmosReferenceDataOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        _options = options ?? new CosmosReferenceDataOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _store = new CosmosDocumentStore(
            container, CosmosResilience.Create(_options.MaxRetryAttempts, _options.RetryDelay, _options.AttemptTimeout, _timeProvider));
    }

    /// <summary>Creates the container if it does not exist, partitioned as this adapter reads it.</summary>
    public static async Task<Container> CreateContainerIfNotExistsAsync(
        Database database, CosmosReferenceDataOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        options ??= new CosmosReferenceDataOptions();
        var response = await database.CreateContainerIfNotExistsAsync(options.Container, "/id", cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Container;
    }

    /// <inheritdoc/>
    public async ValueTask<InstrumentInfo?> GetInstrumentAsync(int instrumentId, CancellationToken cancellationToken = default) =>
        (await ReadInstrumentAsync(instrumentId, cancellationToken).ConfigureAwait(false))?.Info;

    /// <inheritdoc/>
    public async ValueTask<AccountInfo?> GetAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        CosmosIds.Require(accountId, nameof(accountId));
        return await GetCachedAsync(AccountKey(accountId), static (RegisteredAccountDocument d) => ToInfo(d), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reference price stored on instrument <paramref name="instrumentId"/> (its decimal id); <see langword="null"/>
    /// when the instrument is unknown, has none, or the id is not an instrument id.</summary>
    public async ValueTask<ReferencePrice?> GetReferencePriceAsync(string instrumentId, CancellationToken cancellationToken = default)
    {
        if (!int.TryParse(instrumentId, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
        {
            return null;
        }

        return (await ReadInstrumentAsync(id, cancellationToken).ConfigureAwait(false))?.ReferencePrice;
    }

    /// <summary>Creates or changes instrument <see cref="InstrumentInfo.InstrumentId"/>'s master data; its reference price is kept.</summary>
    /// <returns>The document's version after the write (1 when created).</returns>
    /// <exception cref="ArgumentException">The instrument is not valid (currency, tick or lot size, limits).</exception>
    public async Task<long> UpsertInstrumentAsync(InstrumentInfo instrument, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        Check(instrument);
        string id = InstrumentKey(instrument.InstrumentId);
        return await WriteAsync<InstrumentDocument>(
            id,
            () => new InstrumentDocument { Id = id, Currency = instrument.Currency },
            document =>
            {
                document.InstrumentId = instrument.InstrumentId;
                document.Currency = instrument.Currency;
                document.TickSize = instrument.TickSize;
                document.LotSize = instrument.LotSize;
                document.IsTradable = instrument.IsTradable;
                document.LowerPriceLimit = instrument.LowerPriceLimit;
                document.UpperPriceLimit = instrument.UpperPriceLimit;
                return true;
            },
            cancellationToken).ConfigureAwait(false) ?? 0;
    }

    /// <summary>Creates or changes account <see cref="AccountInfo.AccountId"/> in the register.</summary>
    /// <returns>The document's version after the write (1 when created).</returns>
    /// <exception cref="ArgumentException">An id or name is missing, or an id has a character Cosmos DB ids cannot hold.</exception>
    public async Task<long> UpsertAccountAsync(AccountInfo account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        CosmosIds.Require(account.AccountId, nameof(account));
        ArgumentException.ThrowIfNullOrWhiteSpace(account.CustomerId, nameof(account));
        ArgumentException.ThrowIfNullOrWhiteSpace(account.CustomerName, nameof(account));
        ArgumentException.ThrowIfNullOrWhiteSpace(account.CustomerCountry, nameof(account));
        string id = AccountKey(account.AccountId);
        return await WriteAsync<RegisteredAccountDocument>(
            id,
            () => new RegisteredAccountDocument
            {
                Id = id, AccountId = account.AccountId, Status = "", CustomerId = "", CustomerType = "", CustomerName = "", CustomerCountry = "",
            },
            document =>
            {
                document.Status = account.Status.ToString();
                document.CustomerId = account.CustomerId;
                document.CustomerType = account.CustomerType.ToString();
                document.CustomerName = account.CustomerName;
                document.CustomerCountry = account.CustomerCountry;
                return true;
            },
            cancellationToken).ConfigureAwait(false) ?? 0;
    }

    /// <summary>
    /// Sets instrument <paramref name="instrumentId"/>'s reference price, unless the stored one is newer (a price set as
    /// of an earlier time than the stored one is ignored, so a late or repeated seeding cannot move the price back).
    /// </summary>
    /// <returns>Whether the price was stored.</returns>
    /// <exception cref="ArgumentException">The price is not more than zero, or not in the instrument's currency.</exception>
    /// <exception cref="InvalidOperationException">The instrument is unknown.</exception>
    public async Task<bool> SetReferencePriceAsync(int instrumentId, ReferencePrice price, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(price);
        if (price.Price.Amount <= 0)
        {
            throw new ArgumentException($"a reference price must be more than zero; it is {price.Price}", nameof(price));
        }

        string id = InstrumentKey(instrumentId);
        long? version = await WriteAsync<InstrumentDocument>(
            id,
            () => throw new InvalidOperationException($"instrument {instrumentId} is unknown: create it before setting its reference price"),
            document =>
            {
                if (!string.Equals(document.Currency, price.Price.Currency, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"instrument {instrumentId} is priced in {document.Currency}, not {price.Price.Currency}", nameof(price));
                }

                if (document.ReferencePrice is { } stored && stored.AsOf > price.AsOf)
                {
                    return false;
                }

                document.ReferencePrice = new ReferencePriceDocument { Price = price.Price.Amount, Currency = price.Price.Currency, AsOf = price.AsOf };
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        return version is not null;
    }

    private ValueTask<InstrumentRecord?> ReadInstrumentAsync(int instrumentId, CancellationToken cancellationToken) =>
        GetCachedAsync(InstrumentKey(instrumentId), static (InstrumentDocument d) => ToRecord(d), cancellationToken);

    private async ValueTask<TValue?> GetCachedAsync<TDocument, TValue>(string id, Func<TDocument, TValue> map, CancellationToken cancellationToken)
        where TDocument : class
        where TValue : class
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        if (_cache.TryGetValue(id, out CacheEntry? cached) && now < cached.ExpiresAt)
        {
            return (TValue)cached.Value;
        }

        long writesBefore = Volatile.Read(ref _writes);
        Versioned<TDocument>? read = await _store.ReadAsync<TDocument>(id, id, cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            return null;
        }

        TValue value = map(read.Document);
        if (_options.CacheExpiry > TimeSpan.Zero)
        {
            lock (_cacheGate)
            {
                // A write by this instance since the read began may have made what was read stale: do not keep it.
                if (_writes == writesBefore)
                {
                    Trim(now);
                    _cache[id] = new CacheEntry(value, now + _options.CacheExpiry);
                }
            }
        }

        return value;
    }

    /// <summary>
    /// Read, change, replace on the ETag (create when absent), until it lands. <paramref name="change"/> answers false to
    /// leave the document as it is.
    /// </summary>
    /// <returns>The version written; <see langword="null"/> when <paramref name="change"/> declined.</returns>
    private async Task<long?> WriteAsync<TDocument>(string id, Func<TDocument> create, Func<TDocument, bool> change, CancellationToken cancellationToken)
        where TDocument : class
    {
        try
        {
            for (int attempt = 0; attempt < _options.MaxConcurrencyAttempts; attempt++)
            {
                Versioned<TDocument>? current = await _store.ReadAsync<TDocument>(id, id, cancellationToken).ConfigureAwait(false);
                TDocument document = current?.Document ?? create();
                if (!change(document))
                {
                    return null;
                }

                long version = Stamp(document);
                WriteResult written = current is null
                    ? await _store.CreateAsync(document, id, id, cancellationToken).ConfigureAwait(false)
                    : await _store.ReplaceAsync(document, id, id, current.ETag, cancellationToken).ConfigureAwait(false);
                if (written == WriteResult.Done)
                {
                    return version;
                }
            }

            throw new CosmosStoreException(
                CosmosStoreFailureReason.Contention,
                string.Create(CultureInfo.InvariantCulture, $"{id} changed under every one of {_options.MaxConcurrencyAttempts} write attempts"));
        }
        finally
        {
            // Whatever happened (a write may have landed before a failure), the cached copy may be stale.
            lock (_cacheGate)
            {
                _writes++;
                _cache.TryRemove(id, out _);
            }
        }
    }

    private long Stamp<TDocument>(TDocument document)
    {
        DateTimeOffset now = _timeProvider.GetUtcNow();
        switch (document)
        {
            case InstrumentDocument instrument:
                instrument.UpdatedAt = now;
                return ++instrument.Version;
            case RegisteredAccountDocument account:
                account.UpdatedAt = now;
                return ++account.Version;
            default:
                throw new InvalidOperationException($"not a reference data document: {typeof(TDocument).Name}");
        }
    }

    private void Trim(DateTimeOffset now)
    {
        if (_cache.Count < _options.MaxCachedItems)
        {
            return;
        }

        foreach (var entry in _cache)
        {
            if (entry.Value.ExpiresAt <= now)
            {
                _cache.TryRemove(entry.Key, out _);
            }
        }

        if (_cache.Count >= _options.MaxCachedItems)
        {
            _cache.Clear();
        }
    }

    private static void Check(InstrumentInfo instrument)
    {
        if (!Money.IsCurrencyCode(instrument.Currency))
        {
            throw new ArgumentException($"'{instrument.Currency}' is not an ISO 4217 currency code", nameof(instrument));
        }

        if (instrument.TickSize <= 0 || instrument.LotSize <= 0)
        {
            throw new ArgumentException($"instrument {instrument.InstrumentId}: tick and lot size must be more than zero", nameof(instrument));
        }

        if (instrument.LowerPriceLimit is { } low && instrument.UpperPriceLimit is { } high && low > high)
        {
            throw new ArgumentException($"instrument {instrument.InstrumentId}: the lower price limit is above the upper", nameof(instrument));
        }
    }

    private static InstrumentRecord ToRecord(InstrumentDocument document)
    {
        RequireSchema(document.SchemaVersion, document.Id);
        var info = new InstrumentInfo(
            document.InstrumentId, document.Currency, document.TickSize, document.LotSize, document.IsTradable, document.LowerPriceLimit, document.UpperPriceLimit);
        ReferencePrice? price = document.ReferencePrice is { } stored
            ? new ReferencePrice(Parse(() => new Money(stored.Price, stored.Currency), document.Id), stored.AsOf)
            : null;
        return new InstrumentRecord(info, price);
    }

    private static AccountInfo ToInfo(RegisteredAccountDocument document)
    {
        RequireSchema(document.SchemaVersion, document.Id);
        return Parse(
            () => new AccountInfo(
                document.AccountId, Enum.Parse<AccountStatus>(document.Status), document.CustomerId, Enum.Parse<CustomerType>(document.CustomerType),
                document.CustomerName, document.CustomerCountry),
            document.Id);
    }

    private static void RequireSchema(int schemaVersion, string id)
    {
        if (schemaVersion != ReferenceDataSchema.Current)
        {
            throw new CosmosStoreException(
                CosmosStoreFailureReason.CorruptDocument, string.Create(CultureInfo.InvariantCulture, $"{id} has schema version {schemaVersion}; this reader knows {ReferenceDataSchema.Current}"));
        }
    }

    private static T Parse<T>(Func<T> parse, string id)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException ex)
        {
            throw new CosmosStoreException(CosmosStoreFailureReason.CorruptDocument, $"{id}: {ex.Message}", ex);
        }
    }

    private static string InstrumentKey(int instrumentId) => "instrument:" + instrumentId.ToString(CultureInfo.InvariantCulture);

    private static string AccountKey(string accountId) => "account:" + accountId;

    private sealed record InstrumentRecord(InstrumentInfo Info, ReferencePrice? ReferencePrice);

    private sealed record CacheEntry(object Value, DateTimeOffset ExpiresAt);
}
