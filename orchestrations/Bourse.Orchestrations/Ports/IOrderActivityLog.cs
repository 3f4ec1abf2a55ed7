using Bourse.Domain;
using Bourse.Domain.Risk;

namespace Bourse.Orchestrations.Ports;

/// <summary>
/// The record of each customer's orders as transactions, which the risk rules read back as the customer's history and the
/// account's daily exposure (a port: an adapter keeps it in the system of record). The saga writes it from its activities:
/// <see cref="RecordPendingAsync"/> when risk allows an order, <see cref="RecordOutcomeAsync"/> when the saga ends.
/// </summary>
/// <remarks>Both methods are idempotent by order id, because activities run at least once: a pending record is created
/// only if absent, and the first outcome recorded is final (a retried or late call changes nothing).</remarks>
public interface IOrderActivityLog
{
    /// <summary>Records <paramref name="order"/> as pending, unless the order is recorded already (then nothing changes).</summary>
    ValueTask RecordPendingAsync(PendingOrderActivity order, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records how the order ended. The first outcome wins: a later call for the same order changes nothing and answers
    /// <see cref="OutcomeRecording.AlreadyFinal"/>. An order never recorded as pending (rejected before or by risk) answers
    /// <see cref="OutcomeRecording.NotRecorded"/>.
    /// </summary>
    ValueTask<OutcomeRecording> RecordOutcomeAsync(OrderActivityOutcome outcome, CancellationToken cancellationToken = default);
}

/// <summary>An order that risk allowed, as a transaction of its customer.</summary>
/// <param name="OrderId">The order (the transaction's id).</param>
/// <param name="AccountId">Its account.</param>
/// <param name="CustomerId">The customer who owns the account.</param>
/// <param name="Notional">What it may trade: limit price × quantity, in the instrument's currency.</param>
/// <param name="At">When it was made (the risk evaluation's time, the same on every retry).</param>
/// <param name="BusinessDay">The business day its exposure counts on (the risk decision's).</param>
/// <param name="Channel">How the money moves.</param>
/// <param name="IsCrossBorder">Whether it crosses a border.</param>
public sealed record PendingOrderActivity(
    string OrderId, string AccountId, string CustomerId, Money Notional, DateTimeOffset At, DateOnly BusinessDay,
    TransactionChannel Channel = TransactionChannel.SecuritiesOrder, bool IsCrossBorder = false);

/// <summary>How an order ended.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="AccountId">Its account.</param>
/// <param name="Status">Executed, or one of the statuses that no longer count.</param>
/// <param name="ExecutedNotional">What traded, in the order's currency (zero unless <see cref="OrderActivityStatus.Executed"/>).</param>
/// <param name="At">When the saga ended.</param>
public sealed record OrderActivityOutcome(string OrderId, string AccountId, OrderActivityStatus Status, decimal ExecutedNotional, DateTimeOffset At);

/// <summary>Where an order stands in the <see cref="IOrderActivityLog"/>.</summary>
public enum OrderActivityStatus
{
    /// <summary>Allowed by risk and not finished: counts with its full notional.</summary>
    Pending,

    /// <summary>Finished with fills: counts with the executed notional.</summary>
    Executed,

    /// <summary>Finished without a fill (cancelled or expired): no longer counts.</summary>
    Cancelled,

    /// <summary>Rejected after risk allowed it (funds, engine): no longer counts.</summary>
    Rejected,

    /// <summary>Failed without a fill (a technical failure, compensated): no longer counts.</summary>
    Failed,
}

/// <summary>The answer of <see cref="IOrderActivityLog.RecordOutcomeAsync"/>.</summary>
public enum OutcomeRecording
{
    /// <summary>The outcome was recorded now.</summary>
    Recorded,

    /// <summary>An outcome had been recorded before; nothing changed.</summary>
    AlreadyFinal,

    /// <summary>The order was never recorded as pending; nothing to do.</summary>
    NotRecorded,
}

/// <summary>Between the saga's order events and the <see cref="IOrderActivityLog"/>.</summary>
public static class OrderActivityOutcomes
{
    /// <summary>
    /// The outcome an order's final event stands for. Fills that were cleared count as executed whatever the end (a
    /// settlement, or a failure after some fills: the money moved); an end without fills does not count.
    /// </summary>
    public static OrderActivityOutcome From(OrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        OrderActivityStatus status = orderEvent.FilledNotional > 0 ? OrderActivityStatus.Executed : orderEvent.Kind switch
        {
            OrderEventKind.OrderSettled => OrderActivityStatus.Cancelled,
            OrderEventKind.OrderRejected => OrderActivityStatus.Rejected,
            _ => OrderActivityStatus.Failed,
        };
        return new OrderActivityOutcome(
            orderEvent.OrderId, orderEvent.AccountId, status, status == OrderActivityStatus.Executed ? orderEvent.FilledNotional : 0m, orderEvent.At);
    }
}
