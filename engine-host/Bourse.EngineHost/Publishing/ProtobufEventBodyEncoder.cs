using Bourse.Engine.Matching;
using Google.Protobuf;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.Publishing;

/// <summary>
/// The body encoding of the <c>bourse.engine.v1</c> contracts: an <see cref="V1.ExecutionReport"/> per order event
/// (two per trade: the taker's and the maker's) to the executions hub, and one <see cref="V1.BookUpdate"/> with all the
/// level changes of a command to the book-updates hub.
/// </summary>
/// <remarks>
/// <para>
/// The reports' <c>instrument_sequence</c> is the message's <c>bourse-sequence</c> (gap-free per instrument and hub,
/// the same when republished); <c>event_sequence</c> and <c>command_sequence</c> are the engine's; a trade's
/// <c>trade_id</c> is the event sequence of its trade event (unique per instrument, the same on replay).
/// </para>
/// <para>
/// Not filled, because a <see cref="MatchEvent"/> does not carry them and nothing on the publisher's side keeps them
/// (yet): <c>client_order_id</c>, <c>account_id</c>, <c>transact_time_unix_nanos</c>, an accepted order's
/// <c>time_in_force</c>, a rejection's <c>request_kind</c> and <c>client_request_id</c>, and a fill's
/// <c>leaves_quantity</c> (left 0, which the contract reads as "done": consumers must not rely on it until the engine's
/// events carry it). <c>correlation_id</c> and <c>resent</c> belong to the order-entry stream, not to published reports.
/// </para>
/// </remarks>
internal sealed class ProtobufEventBodyEncoder : IEventBodyEncoder
{
    public const string ExecutionReportContentType = "application/x-protobuf; messageType=bourse.engine.v1.ExecutionReport";
    public const string BookUpdateContentType = "application/x-protobuf; messageType=bourse.engine.v1.BookUpdate";

    public void Encode(in PublishCommand command, ReadOnlySpan<PublishSlot> events, IPublishMessageSink messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var traceParent = TraceParent.Of(events[0]);
        V1.BookUpdate? update = null;
        foreach (ref readonly var slot in events)
        {
            ref readonly var e = ref slot.Event;
            switch (e.Type)
            {
                case EventType.LevelChanged:
                    update ??= new V1.BookUpdate { InstrumentId = command.InstrumentId, CommandSequence = command.CommandSequence };
                    update.EventSequence = e.Sequence;
                    update.Levels.Add(new V1.LevelChange { Side = SideOf(e.Side), PriceTicks = e.Price, TotalQuantity = e.Quantity, OrderCount = e.OrderCount });
                    break;
                case EventType.Trade:
                    Add(messages, Report(command, e, e.OrderId, traceParent, Fill(e)));
                    Add(messages, Report(command, e, e.MakerOrderId, traceParent, Fill(e)));
                    break;
                default:
                    Add(messages, Report(command, e, e.OrderId, traceParent, null));
                    break;
            }
        }

        if (update is not null)
        {
            update.InstrumentSequence = messages.NextSequence(PublishStream.BookUpdates);
            messages.Add(PublishStream.BookUpdates, update.ToByteArray(), BookUpdateContentType);
        }
    }

    private static void Add(IPublishMessageSink messages, V1.ExecutionReport report)
    {
        report.InstrumentSequence = messages.NextSequence(PublishStream.Executions);
        messages.Add(PublishStream.Executions, report.ToByteArray(), ExecutionReportContentType);
    }

    private static V1.ExecutionReport Report(in PublishCommand command, in MatchEvent e, long orderId, string? traceParent, V1.Fill? fill)
    {
        var report = new V1.ExecutionReport
        {
            InstrumentId = command.InstrumentId,
            OrderId = orderId,
            EventSequence = e.Sequence,
            CommandSequence = command.CommandSequence,
        };
        if (traceParent is not null)
        {
            report.TraceContext = new V1.TraceContext { Traceparent = traceParent };
        }

        switch (e.Type)
        {
            case EventType.Accepted:
                report.Accepted = new V1.OrderAccepted
                {
                    Side = SideOf(e.Side),
                    OrderType = e.Price == 0 ? V1.OrderType.Market : V1.OrderType.Limit,
                    PriceTicks = e.Price,
                    Quantity = e.Quantity,
                };
                break;
            case EventType.Rejected:
                // Engine reasons 1-99 have the contract's numbers.
                report.Rejected = new V1.OrderRejected { Reason = (V1.RejectReason)e.Reason };
                break;
            case EventType.Trade:
                report.Fill = fill;
                break;
            case EventType.Cancelled:
                report.Cancelled = new V1.OrderCancelled
                {
                    Reason = (V1.CancelReason)e.Reason,
                    CancelledQuantity = e.Quantity,
                    Side = SideOf(e.Side),
                    PriceTicks = e.Price,
                };
                break;
            case EventType.Replaced:
                report.Replaced = new V1.OrderReplaced { Side = SideOf(e.Side), PriceTicks = e.Price, Quantity = e.Quantity };
                break;
            default:
                throw new InvalidOperationException($"Event type {e.Type} has no execution report.");
        }

        return report;
    }

    private static V1.Fill Fill(in MatchEvent e) => new()
    {
        TradeId = e.Sequence,
        TakerOrderId = e.OrderId,
        MakerOrderId = e.MakerOrderId,
        PriceTicks = e.Price,
        Quantity = e.Quantity,
        AggressorSide = SideOf(e.Side),
    };

    private static V1.Side SideOf(Side side) => side == Side.Buy ? V1.Side.Buy : V1.Side.Sell;
}
