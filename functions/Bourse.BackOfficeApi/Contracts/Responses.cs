using Bourse.Domain.Ledger;
using Bourse.Domain.Risk;
using Bourse.Orchestrations;
using Bourse.Orchestrations.OrderToClearing;

namespace Bourse.BackOfficeApi.Contracts;

/// <summary>The answer to a submission: where to follow the order.</summary>
/// <param name="OrderId">The derived order id (the saga's instance id).</param>
/// <param name="ClientOrderId">The client's name for it.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="StatusUrl">The path of its status.</param>
public sealed record OrderAccepted(string OrderId, string ClientOrderId, string AccountId, string StatusUrl);

/// <summary>An order as <c>GET /api/orders/{id}</c> shows it.</summary>
public sealed record OrderView
{
    /// <summary>The order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>The saga's runtime status (<c>Pending</c>, <c>Running</c>, <c>Completed</c>, <c>Failed</c>, ...).</summary>
    public required string RuntimeStatus { get; init; }

    /// <summary>The saga's stage (<see cref="SagaStages"/>).</summary>
    public string? Stage { get; init; }

    /// <summary>When the saga was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The order's terms.</summary>
    public OrderTerms? Order { get; init; }

    /// <summary>The saga's progress while it runs.</summary>
    public OrderToClearingStatus? Progress { get; init; }

    /// <summary>How it ended, once it has.</summary>
    public OrderToClearingResult? Result { get; init; }

    /// <summary>The fills cleared on the ledger.</summary>
    public IReadOnlyList<FillView> Fills { get; init; } = [];

    /// <summary>The ledger entries of the order (hold, fills, release).</summary>
    public IReadOnlyList<EntryView> Postings { get; init; } = [];

    /// <summary>The stored risk decision, once AssessRisk ran.</summary>
    public RiskDecision? RiskDecision { get; init; }

    /// <summary>What compensation did, if the saga compensated.</summary>
    public IReadOnlyList<Compensation>? Compensation { get; init; }
}

/// <summary>An order's terms, as submitted.</summary>
public sealed record OrderTerms(
    string ClientOrderId, string AccountId, string? UserId, int Instrument, OrderSide Side, decimal Price, long Quantity, TimeInForce TimeInForce,
    DateTimeOffset? ExpiresAt, OrderType Type = OrderType.Limit);

/// <summary>One fill of the order, from its ledger entry.</summary>
/// <param name="EntryId">The fill entry (<c>fill:{instrument}:{trade}:{side}</c>).</param>
/// <param name="TradeId">The engine's trade id.</param>
/// <param name="Quantity">Units traded.</param>
/// <param name="Price">The trade price.</param>
/// <param name="Status">The entry's status on the ledger.</param>
public sealed record FillView(string EntryId, long TradeId, long Quantity, decimal Price, string Status);

/// <summary>One ledger entry with its postings.</summary>
public sealed record EntryView(string EntryId, string Status, DateTimeOffset RecordedAt, IReadOnlyList<PostingView> Postings);

/// <summary>One posting.</summary>
public sealed record PostingView(string AccountId, string Asset, decimal Amount, LedgerBucket Bucket, string? OrderId);

/// <summary>An account as <c>GET /api/accounts/{id}</c> shows it.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Status">Active, suspended or closed.</param>
/// <param name="Balances">Cash per currency.</param>
/// <param name="Positions">Securities per instrument.</param>
/// <param name="Holds">What each open order holds.</param>
public sealed record AccountView(
    string AccountId, string Status, IReadOnlyList<BalanceView> Balances, IReadOnlyList<PositionView> Positions, IReadOnlyList<HoldView> Holds);

/// <summary>A cash balance.</summary>
public sealed record BalanceView(string Currency, decimal Available, decimal Held, decimal Total);

/// <summary>A securities position.</summary>
public sealed record PositionView(int Instrument, decimal Available, decimal Held, decimal Total);

/// <summary>A hold of an open order.</summary>
public sealed record HoldView(string OrderId, string Asset, decimal Amount);

/// <summary>The answer to a reconciliation request, and its status.</summary>
/// <param name="InstanceId">The reconciliation's instance id.</param>
/// <param name="RuntimeStatus">Its runtime status.</param>
/// <param name="StatusUrl">The path of its status.</param>
/// <param name="Result">Its result, once completed (the orchestration's output as JSON).</param>
public sealed record ReconciliationView(string InstanceId, string RuntimeStatus, string StatusUrl, System.Text.Json.JsonElement? Result = null);

/// <summary>The answer to a report request, and a report run's status.</summary>
/// <param name="ReportId">The run's id (jurisdiction, type, day, revision).</param>
/// <param name="RuntimeStatus">Its runtime status.</param>
/// <param name="Stage">Where it stands (<c>Collecting</c> … <c>Submitted</c>, <c>Invalid</c>, <c>NothingToReport</c>).</param>
/// <param name="StatusUrl">The path of its status.</param>
/// <param name="Result">Its result, once completed (the orchestration's output as JSON: file, SHA-256, schema findings).</param>
public sealed record ReportView(string ReportId, string RuntimeStatus, string? Stage, string StatusUrl, System.Text.Json.JsonElement? Result = null);
