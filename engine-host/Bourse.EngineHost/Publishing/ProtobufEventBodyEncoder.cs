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
/// Each report's <c>account_id</c> is the account of the order it is about, from the book's event (a trade's taker and
/// maker reports each carry their own order's account), and a fill's <c>leaves_quantity</c> is that order's open
/// quantity after the trade. Both come from the book, so a republish regenerated from the journal carries the same ones.
/// </para>
/// <para>
/// Not filled: <c>client_order_id</c> (the journal keeps only the order-entry gateway's 64-bit key of it, so a report
/// regenerated after a restart could not carry the text the original did: the same report would be published with two
/// contents), <c>transact_time_unix_nanos</c> (the journal keeps no time), an accepted order's <c>time_in_force</c>, a
/// rejection's <c>request_kind</c> and <c>client_request_id</c> (not in the book's events). <c>correlation_id</c> and
/// <c>resent</c> belong to the order-entry stream, not to published reports.
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
                    Add(messages, Report(command, e, e.OrderId, e.AccountId, traceParent, Fill(e, e.LeavesQuantity)));
                    Add(messages, Report(command, e, e.MakerOrderId, e.MakerAccountId, traceParent, Fill(e, e.MakerLeavesQuantity)));
                    break;
                default:
                    Add(messages, Report(command, e, e.OrderId, e.AccountId, traceParent, null));
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

    private static V1.ExecutionReport Report(in PublishCommand command, in MatchEvent e, long orderId, long accountId, string? traceParent, V1.Fill? fill)
    {
        var report = new V1.ExecutionReport
        {
            InstrumentId = command.InstrumentId,
            OrderId = orderId,
            AccountId = accountId,
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

    private static V1.Fill Fill(in MatchEvent e, long leavesQuantity) => new()
    {
        TradeId = e.Sequence,
        TakerOrderId = e.OrderId,
        MakerOrderId = e.MakerOrderId,
        PriceTicks = e.Price,
        Quantity = e.Quantity,
        AggressorSide = SideOf(e.Side),
        LeavesQuantity = leavesQuantity,
    };

    private static V1.Side SideOf(Side side) => side == Side.Buy ? V1.Side.Buy : V1.Side.Sell;
}
