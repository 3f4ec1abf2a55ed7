using System.ComponentModel.DataAnnotations;

namespace Bourse.Adapters.Cosmos;

/// <summary>Settings of a <see cref="CosmosLedger"/>.</summary>
public sealed class CosmosLedgerOptions
{
    /// <summary>The container of account documents, partitioned by <c>/accountId</c>.</summary>
    /// <value>The default value is <c>ledger-accounts</c>.</value>
    [Required]
    public string AccountsContainer { get; set; } = "ledger-accounts";

    /// <summary>The container of entry documents, partitioned by <c>/partitionKey</c>.</summary>
    /// <value>The default value is <c>ledger-entries</c>.</value>
    [Required]
    public string EntriesContainer { get; set; } = "ledger-entries";

    /// <summary>The fee-income account that fills' fees are posted to.</summary>
    /// <value>The default value is <c>fee-income</c>.</value>
    [Required]
    public string FeeAccountId { get; set; } = "fee-income";

    /// <summary>
    /// How many recent entry ids an account document keeps. When it holds more, the older half is dropped, after each
    /// dropped entry's document has been made to record this account (so the fact moves, it is never lost).
    /// </summary>
    /// <value>The default value is 100.</value>
    [Range(2, 10_000)]
    public int RecentEntryCapacity { get; set; } = 100;

    /// <summary>Compare-and-swap attempts on one account document before giving up with <see cref="LedgerFailureReason.Contention"/>.</summary>
    /// <value>The default value is 100.</value>
    [Range(1, 10_000)]
    public int MaxConcurrencyAttempts { get; set; } = 100;

    /// <summary>Retries of one Cosmos DB call on 429, 503, 408 and timeouts (exponential back-off with jitter).</summary>
    /// <value>The default value is 5.</value>
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>The first retry's median delay (a 429's Retry-After wins).</summary>
    /// <value>The default value is 200 milliseconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The time one attempt of one Cosmos DB call may take.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <exception cref="ValidationException">A setting is out of range.</exception>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (RetryDelay < TimeSpan.Zero || AttemptTimeout <= TimeSpan.Zero)
        {
            throw new ValidationException("RetryDelay must not be negative and AttemptTimeout must be positive");
        }
    }
}
