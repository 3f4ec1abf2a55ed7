using System.Globalization;
using Bourse.Adapters.Cosmos.Documents;
using Bourse.Domain;
using Bourse.Domain.Risk;
using Bourse.Domain.Risk.Ports;
using Bourse.Orchestrations.Ports;
using Microsoft.Azure.Cosmos;

namespace Bourse.Adapters.Cosmos;

/// <summary>
/// Each customer's orders as transactions, on Cosmos DB: the saga writes them (<see cref="IOrderActivityLog"/>), the risk
/// rules read them back as the customer's history (<see cref="ICustomerTransactionHistory"/>) and the account's daily
/// exposure (<see cref="IAccountExposureSource"/>).
/// </summary>
/// <remarks>
/// <para><b>One document per order, one container partitioned by <c>/customerId</c>, id = order id.</b> The history is
/// asked for by customer, so it is one partition; an account belongs to one customer, so an account's exposure is a query
/// inside its customer's partition too (<c>accountId</c>, <c>businessDay</c> and <c>currency</c> are on each document).
/// Exposure and outcomes name only the account: its customer comes from the account register
/// (<see cref="IReferenceData.GetAccountAsync"/>, which the saga has just read and the reference data adapter caches).
/// One document rather than a copy per query means one write per step and nothing to keep in step without transactions.
/// The cost: an account moved to another customer leaves its earlier orders with the old customer (the register never
/// does that; a new account is opened instead).</para>
/// <para><b>Exactly once without transactions.</b> The pending record is a create with the deterministic id (409 = recorded
/// already: nothing changes, so a retried record never counts twice). The outcome is a read, then a replace on the ETag
/// while the status is still pending (412 = someone else changed it: read again); once final, it never changes again.
/// Amounts are stored as exact decimal strings and summed here, not by the server.</para>
/// </remarks>
public sealed class CosmosOrderActivity : IOrderActivityLog, ICustomerTransactionHistory, IAccountExposureSource
{
    private readonly CosmosDocumentStore _store;
    private readonly IReferenceData _accounts;
    private readonly CosmosOrderActivityOptions _options;

    /// <summary>The order activity in <paramref name="container"/> (partitioned by <c>/customerId</c>); <paramref name="accounts"/>
    /// says which customer owns an account.</summary>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">An option is out of range.</exception>
    public CosmosOrderActivity(Container container, IReferenceData accounts, CosmosOrderActivityOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(accounts);
        _options = options ?? new CosmosOrderActivityOptions();
        _options.Validate();
        _accounts = accounts;
        _store = new CosmosDocumentStore(
            container, CosmosResilience.Create(_options.MaxRetryAttempts, _options.RetryDelay, _options.AttemptTimeout, timeProvider ?? TimeProvider.System));
    }

    /// <summary>Creates the container if it does not exist, partitioned as this adapter writes it.</summary>
    public static async Task<Container> CreateContainerIfNotExistsAsync(
        Database database, CosmosOrderActivityOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        options ??= new CosmosOrderActivityOptions();
        var response = await database.CreateContainerIfNotExistsAsync(options.Container, "/customerId", cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Container;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id is missing or cannot be a Cosmos DB id, or the notional is not more than zero.</exception>
    public async ValueTask RecordPendingAsync(PendingOrderActivity order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        CosmosIds.Require(order.OrderId, nameof(order));
        ArgumentException.ThrowIfNullOrWhiteSpace(order.AccountId, nameof(order));
        ArgumentException.ThrowIfNullOrWhiteSpace(order.CustomerId, nameof(order));
        if (order.Notional.Currency is null || order.Notional.Amount <= 0)
        {
            throw new ArgumentException($"order {order.OrderId}: the notional must be more than zero; it is {order.Notional}", nameof(order));
        }

        var document = new OrderActivityDocument
        {
            Id = order.OrderId,
            CustomerId = order.CustomerId,
            AccountId = order.AccountId,
            Currency = order.Notional.Currency,
            Notional = order.Notional.Amount,
            Status = OrderActivityStatuses.Pending,
            At = order.At,
            AtMs = order.At.ToUnixTimeMilliseconds(),
            BusinessDay = Day(order.BusinessDay),
            Channel = order.Channel.ToString(),
            CrossBorder = order.IsCrossBorder,
        };
        // Conflict: recorded before (a retried activity); the first record stands, whatever its status now.
        await _store.CreateAsync(document, document.Id, document.CustomerId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The outcome is pending, an executed amount is negative, or the order was recorded on another account.</exception>
    public async ValueTask<OutcomeRecording> RecordOutcomeAsync(OrderActivityOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        CosmosIds.Require(outcome.OrderId, nameof(outcome));
        string status = outcome.Status switch
        {
            OrderActivityStatus.Executed => OrderActivityStatuses.Executed,
            OrderActivityStatus.Cancelled => OrderActivityStatuses.Cancelled,
            OrderActivityStatus.Rejected => OrderActivityStatuses.Rejected,
            OrderActivityStatus.Failed => OrderActivityStatuses.Failed,
            _ => throw new ArgumentException($"order {outcome.OrderId}: an outcome cannot be {outcome.Status}", nameof(outcome)),
        };
        if (outcome.ExecutedNotional < 0)
        {
            throw new ArgumentException($"order {outcome.OrderId}: the executed notional cannot be negative", nameof(outcome));
        }

        string? customerId = await CustomerOfAsync(outcome.AccountId, cancellationToken).ConfigureAwait(false);
        if (customerId is null)
        {
            return OutcomeRecording.NotRecorded;
        }

        for (int attempt = 0; attempt < _options.MaxConcurrencyAttempts; attempt++)
        {
            Versioned<OrderActivityDocument>? current = await _store.ReadAsync<OrderActivityDocument>(outcome.OrderId, customerId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return OutcomeRecording.NotRecorded;
            }

            OrderActivityDocument document = current.Document;
            if (!string.Equals(document.AccountId, outcome.AccountId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"order {outcome.OrderId} was recorded on account {document.AccountId}, not {outcome.AccountId}", nameof(outcome));
            }

            if (document.Status != OrderActivityStatuses.Pending)
            {
                return OutcomeRecording.AlreadyFinal;
            }

            document.Status = status;
            document.ExecutedNotional = outcome.Status == OrderActivityStatus.Executed ? outcome.ExecutedNotional : 0m;
            document.OutcomeAt = outcome.At;
            if (await _store.ReplaceAsync(document, document.Id, customerId, current.ETag, cancellationToken).ConfigureAwait(false) == WriteResult.Done)
            {
                return OutcomeRecording.Recorded;
            }
        }

        throw new CosmosStoreException(
            CosmosStoreFailureReason.Contention,
            string.Create(CultureInfo.InvariantCulture, $"order {outcome.OrderId} changed under every one of {_options.MaxConcurrencyAttempts} attempts"));
    }

    /// <summary>
    /// The customer's pending and executed orders made at or after <paramref name="since"/>, oldest first: a pending one
    /// with its full notional, an executed one with what it traded.
    /// </summary>
    public async ValueTask<IReadOnlyList<PastTransaction>> GetTransactionsAsync(string customerId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        // Milliseconds round down, so the query may return a little before `since`; the exact cut is made below.
        var query = new QueryDefinition(
                "SELECT * FROM c WHERE c.atMs >= @since AND (c.status = @pending OR c.status = @executed) ORDER BY c.atMs")
            .WithParameter("@since", since.ToUnixTimeMilliseconds())
            .WithParameter("@pending", OrderActivityStatuses.Pending)
            .WithParameter("@executed", OrderActivityStatuses.Executed);
        var found = new List<PastTransaction>();
        await foreach (OrderActivityDocument document in _store.QueryAsync<OrderActivityDocument>(query, customerId, cancellationToken).ConfigureAwait(false))
        {
            if (document.At >= since && Counted(document) is { } amount)
            {
                found.Add(new PastTransaction(document.Id, document.At, amount, ParseChannel(document), document.CrossBorder));
            }
        }

        return found;
    }

    /// <summary>
    /// The account's executed and pending notional on <paramref name="businessDay"/> in <paramref name="currency"/>, without
    /// <paramref name="excludingOrderId"/>. An account the register does not know has none.
    /// </summary>
    public async ValueTask<AccountExposure> GetDailyExposureAsync(
        string accountId, DateOnly businessDay, string currency, string excludingOrderId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var executed = new Money(0m, currency);
        var pending = new Money(0m, currency);
        string? customerId = await CustomerOfAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (customerId is null)
        {
            return new AccountExposure(executed, pending);
        }

        var query = new QueryDefinition("SELECT * FROM c WHERE c.accountId = @account AND c.businessDay = @day AND c.currency = @currency")
            .WithParameter("@account", accountId)
            .WithParameter("@day", Day(businessDay))
            .WithParameter("@currency", currency);
        await foreach (OrderActivityDocument document in _store.QueryAsync<OrderActivityDocument>(query, customerId, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(document.Id, excludingOrderId, StringComparison.Ordinal) || Counted(document) is not { } amount)
            {
                continue;
            }

            if (document.Status == OrderActivityStatuses.Executed)
            {
                executed = executed.Add(amount);
            }
            else
            {
                pending = pending.Add(amount);
            }
        }

        return new AccountExposure(executed, pending);
    }

    private async ValueTask<string?> CustomerOfAsync(string accountId, CancellationToken cancellationToken) =>
        (await _accounts.GetAccountAsync(accountId, cancellationToken).ConfigureAwait(false))?.CustomerId;

    /// <summary>What the order counts for now: its notional while pending, what it traded once executed, nothing otherwise.</summary>
    private static Money? Counted(OrderActivityDocument document) => document.Status switch
    {
        OrderActivityStatuses.Pending => Amount(document, document.Notional),
        OrderActivityStatuses.Executed => Amount(document, document.ExecutedNotional),
        _ => null,
    };

    private static Money Amount(OrderActivityDocument document, decimal amount)
    {
        try
        {
            return new Money(amount, document.Currency);
        }
        catch (ArgumentException ex)
        {
            throw new CosmosStoreException(CosmosStoreFailureReason.CorruptDocument, $"order activity {document.Id}: {ex.Message}", ex);
        }
    }

    private static TransactionChannel ParseChannel(OrderActivityDocument document) =>
        Enum.TryParse(document.Channel, out TransactionChannel channel)
            ? channel
            : throw new CosmosStoreException(CosmosStoreFailureReason.CorruptDocument, $"order activity {document.Id} has channel '{document.Channel}'");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
