using System.Globalization;
using Azure.Messaging.EventHubs;
using Bourse.Domain.Risk;
using Bourse.Orchestrations.OrderToClearing;
using Bourse.Orchestrations.Ports;
using Google.Protobuf;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.Adapters.EventHubs;

/// <summary>Why an event of the executions hub is not a usable execution report.</summary>
public enum MalformedReportReason
{
    /// <summary>The body is not a <c>bourse.engine.v1.ExecutionReport</c>.</summary>
    NotProtobuf,

    /// <summary>Instrument, instrument sequence or engine order id is missing (not positive).</summary>
    MissingIdentity,

    /// <summary>The report says nothing happened (no event case).</summary>
    MissingEvent,

    /// <summary>The <c>bourse-sequence</c> property disagrees with the body's instrument sequence.</summary>
    SequenceMismatch,

    /// <summary>A fill whose order is neither its taker nor its maker, without a trade id, or without an aggressor side.</summary>
    InconsistentFill,
}

/// <summary>An event that could not be decoded (the typed error the relay counts and skips).</summary>
/// <param name="Reason">Why.</param>
/// <param name="Detail">What was seen, for the log.</param>
public sealed record MalformedExecutionReport(MalformedReportReason Reason, string Detail);

/// <summary>
/// Decodes an event of the executions hub (<see cref="V1.ExecutionReport"/>, as the engine host's publisher writes it) into
/// the saga's <see cref="ExecutionReport"/> and the side of the report's order.
/// </summary>
/// <remarks>A fill report is about its <c>order_id</c>: the taker's side is the aggressor side, the maker's the other one;
/// its <c>account_id</c> is that order's account (<see cref="StoredExecution.EngineAccountId"/>).
/// A rejection's request kind is not published yet (unspecified): it is read as the new order, which is what the saga
/// takes a rejection without fills for.</remarks>
public static class ExecutionReportDecoder
{
    /// <summary>The application property with the per-instrument sequence (the engine host's publisher sets it).</summary>
    public const string SequenceProperty = "bourse-sequence";

    /// <summary>Decodes <paramref name="data"/>; <paramref name="storedAt"/> becomes the stored report's time.</summary>
    /// <returns>The report, or the reason it is malformed.</returns>
    public static (StoredExecution? Execution, MalformedExecutionReport? Error) Decode(EventData data, DateTimeOffset storedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        V1.ExecutionReport message;
        try
        {
            message = V1.ExecutionReport.Parser.ParseFrom(data.EventBody.ToMemory().Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            return Malformed(MalformedReportReason.NotProtobuf, e.Message);
        }

        if (message.InstrumentId <= 0 || message.InstrumentSequence <= 0 || message.OrderId <= 0)
        {
            return Malformed(MalformedReportReason.MissingIdentity,
                $"instrument {message.InstrumentId}, sequence {message.InstrumentSequence}, order {message.OrderId}");
        }

        if (data.Properties.TryGetValue(SequenceProperty, out var property) && property is not null
            && Convert.ToInt64(property, CultureInfo.InvariantCulture) != message.InstrumentSequence)
        {
            return Malformed(MalformedReportReason.SequenceMismatch, $"property {property}, body {message.InstrumentSequence}");
        }

        var (instrument, sequence, order) = (message.InstrumentId, message.InstrumentSequence, message.OrderId);

        // Kept as the engine sent it: a report without one (0) is still a fact to store, and reconciliation decides what an
        // unknown account means.
        var account = message.AccountId;
        switch (message.EventCase)
        {
            case V1.ExecutionReport.EventOneofCase.Accepted:
                var accepted = message.Accepted;
                return Ok(new ExecutionReport(instrument, sequence, ExecutionKind.Accepted, order, 0, accepted.PriceTicks, accepted.Quantity), SideOf(accepted.Side), account, storedAt);
            case V1.ExecutionReport.EventOneofCase.Rejected:
                var rejected = message.Rejected;
                return Ok(new ExecutionReport(instrument, sequence, ExecutionKind.Rejected, order, Reason: rejected.Reason.ToString(), RejectedRequest: RequestOf(rejected.RequestKind)), null, account, storedAt);
            case V1.ExecutionReport.EventOneofCase.Fill:
                var fill = message.Fill;
                var aggressor = SideOf(fill.AggressorSide);
                OrderSide? side = aggressor is null ? null
                    : order == fill.TakerOrderId ? aggressor
                    : order == fill.MakerOrderId ? (aggressor == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy)
                    : null;
                if (fill.TradeId <= 0 || side is null || fill.Quantity <= 0)
                {
                    return Malformed(MalformedReportReason.InconsistentFill,
                        $"trade {fill.TradeId}, order {order}, taker {fill.TakerOrderId}, maker {fill.MakerOrderId}, aggressor {fill.AggressorSide}, quantity {fill.Quantity}");
                }

                return Ok(new ExecutionReport(instrument, sequence, ExecutionKind.Fill, order, fill.TradeId, fill.PriceTicks, fill.Quantity), side, account, storedAt);
            case V1.ExecutionReport.EventOneofCase.Cancelled:
                var cancelled = message.Cancelled;
                return Ok(new ExecutionReport(instrument, sequence, ExecutionKind.Cancelled, order, 0, cancelled.PriceTicks, cancelled.CancelledQuantity, cancelled.Reason.ToString()), SideOf(cancelled.Side), account, storedAt);
            case V1.ExecutionReport.EventOneofCase.Replaced:
                var replaced = message.Replaced;
                return Ok(new ExecutionReport(instrument, sequence, ExecutionKind.Replaced, order, 0, replaced.PriceTicks, replaced.Quantity), SideOf(replaced.Side), account, storedAt);
            default:
                return Malformed(MalformedReportReason.MissingEvent, $"report {instrument}:{sequence} has no event");
        }
    }

    private static (StoredExecution?, MalformedExecutionReport?) Ok(ExecutionReport report, OrderSide? side, long account, DateTimeOffset storedAt) =>
        (new StoredExecution(report, side, storedAt, account), null);

    private static (StoredExecution?, MalformedExecutionReport?) Malformed(MalformedReportReason reason, string detail) =>
        (null, new MalformedExecutionReport(reason, detail));

    private static OrderSide? SideOf(V1.Side side) => side switch
    {
        V1.Side.Buy => OrderSide.Buy,
        V1.Side.Sell => OrderSide.Sell,
        _ => null,
    };

    private static RequestKind RequestOf(V1.RequestKind kind) => kind switch
    {
        V1.RequestKind.Cancel => RequestKind.Cancel,
        V1.RequestKind.Replace => RequestKind.Replace,
        _ => RequestKind.NewOrder,
    };
}
