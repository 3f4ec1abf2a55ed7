using System.ComponentModel.DataAnnotations;

namespace Bourse.Adapters.Cosmos;

/// <summary>What <see cref="CosmosReferenceDataOptions"/> and <see cref="CosmosOrderActivityOptions"/> share: the database and
/// the resilience of each call (the ledger's pipeline, <see cref="CosmosResilience"/>).</summary>
public abstract class CosmosAdapterOptions
{
    /// <summary>The database the containers are in (the <c>CosmosClient</c> comes from the service provider).</summary>
    /// <value>The default value is <c>bourse</c>.</value>
    [Required]
    public string DatabaseName { get; set; } = "bourse";

    /// <summary>Compare-and-swap attempts on one document before giving up with <see cref="CosmosStoreFailureReason.Contention"/>.</summary>
    /// <value>The default value is 20.</value>
    [Range(1, 10_000)]
    public int MaxConcurrencyAttempts { get; set; } = 20;

    /// <summary>Retries of one Cosmos DB call on 429, 503, 408 and timeouts (exponential back-off with jitter).</summary>
    /// <value>The default value is 3: reference data and the order activity are read while the risk rules' deadline runs.</value>
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first retry's median delay (a 429's Retry-After wins).</summary>
    /// <value>The default value is 100 milliseconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The time one attempt of one Cosmos DB call may take.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <exception cref="ValidationException">A setting is out of range.</exception>
    public virtual void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (RetryDelay < TimeSpan.Zero || AttemptTimeout <= TimeSpan.Zero)
        {
            throw new ValidationException("RetryDelay must not be negative and AttemptTimeout must be positive");
        }
    }
}

/// <summary>Settings of a <see cref="CosmosReferenceData"/>.</summary>
public sealed class CosmosReferenceDataOptions : CosmosAdapterOptions
{
    /// <summary>The container of instrument and account documents, partitioned by <c>/id</c>.</summary>
    /// <value>The default value is <c>reference-data</c>.</value>
    [Required]
    public string Container { get; set; } = "reference-data";

    /// <summary>
    /// How long a read is served from memory. A change made through the same <see cref="CosmosReferenceData"/> is seen at
    /// once; a change made by another process is seen within this time. Unknown ids are never cached. Zero turns the cache off.
    /// </summary>
    /// <value>The default value is 2 seconds: every order reads its instrument and account, and a halt must bite quickly.</value>
    public TimeSpan CacheExpiry { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many cached documents; past it, expired ones are dropped, and if that is not enough, all.</summary>
    /// <value>The default value is 10,000.</value>
    [Range(1, 10_000_000)]
    public int MaxCachedItems { get; set; } = 10_000;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (CacheExpiry < TimeSpan.Zero)
        {
            throw new ValidationException("CacheExpiry must not be negative");
        }
    }
}

/// <summary>Settings of a <see cref="CosmosOrderActivity"/>.</summary>
public sealed class CosmosOrderActivityOptions : CosmosAdapterOptions
{
    /// <summary>The container of order activity documents, partitioned by <c>/customerId</c>.</summary>
    /// <value>The default value is <c>order-activity</c>.</value>
    [Required]
    public string Container { get; set; } = "order-activity";
}
