using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Bourse.Engine.Matching;
using Bourse.EngineHost.Contracts;
using Bourse.EngineHost.Sharding;
using Google.Protobuf;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// What one execution report says: a committed command, one of its events, and whose order the report is about.
/// Either built into a <see cref="V1.ExecutionReport"/> (<see cref="ExecutionReports.Build"/>) or written straight into
/// a buffer in gRPC's wire format (<see cref="ExecutionReports.WriteFramed"/>), byte for byte the same.
/// </summary>
internal readonly ref struct ReportSource
{
    public ReportSource(
        ref readonly CommittedCommand committed, ref readonly MatchEvent e, string? clientOrderId, long accountId, long orderId, long instrumentSequence, long transactTime,
        TraceContextEntry? trace)
    {
        Committed = ref committed;
        Event = ref e;
        ClientOrderId = clientOrderId;
        AccountId = accountId;
        OrderId = orderId;
        InstrumentSequence = instrumentSequence;
        TransactTime = transactTime;
        Trace = trace;
    }

    public readonly ref readonly CommittedCommand Committed;

    public readonly ref readonly MatchEvent Event;

    public string? ClientOrderId { get; }

    public long AccountId { get; }

    /// <summary>The order the report is about: the command's own, or for a maker's fill, the maker's.</summary>
    public long OrderId { get; }

    public long InstrumentSequence { get; }

    public long TransactTime { get; }

    public TraceContextEntry? Trace { get; }

    /// <summary>Whether the report is about the command's own order (its taker side), not a maker's.</summary>
    public bool IsSubmitters => OrderId == Event.OrderId;
}

/// <summary>A trace context as a message and as its encoded bytes, shared by the reports of one (trace, span).</summary>
internal sealed class TraceContextEntry
{
    public TraceContextEntry(ActivityTraceId traceId, ActivitySpanId spanId)
    {
        TraceId = traceId;
        SpanId = spanId;
        Message = new V1.TraceContext { Traceparent = $"00-{traceId.ToHexString()}-{spanId.ToHexString()}-01" };
        Encoded = Message.ToByteArray();
    }

    public ActivityTraceId TraceId { get; }

    public ActivitySpanId SpanId { get; }

    public V1.TraceContext Message { get; }

    /// <summary>The message's serialized bytes: what follows its tag and length inside a report.</summary>
    public byte[] Encoded { get; }
}

/// <summary>
/// Execution reports from committed events: as messages for the unary calls, and written directly into a stream
/// session's output buffer, with no message object per event.
/// </summary>
/// <remarks>
/// Why both: the Trade stream sends almost every report, and building a message per event (a report and its event
/// sub-message, then sizing and serializing them on the writer's thread) was the largest cost of order entry after
/// HTTP/2 itself. The direct writer follows what Google.Protobuf's generated <c>WriteTo</c> does for these messages:
/// fields in number order, proto3 defaults (0, empty, false, no message) left out, the oneof's message written even
/// when all its fields are defaults, enums and int32 as sign-extended varints, strings as UTF-8. <c>ExecutionReportsTests</c>
/// compares the two for every event type, default and extreme values, with and without client ids and trace contexts.
/// </remarks>
internal static class ExecutionReports
{
    /// <summary>gRPC's message prefix: a compressed flag and a 4-byte big-endian length.</summary>
    public const int FrameHeaderSize = 5;

    /// <summary>
    /// The most bytes a framed report takes, with its client order id's length known: the header, ten 64-bit varints
    /// with their tags, the event message (seven varints), the trace context and the client id's UTF-8.
    /// </summary>
    public static int MaxFramedSize(string? clientOrderId, TraceContextEntry? trace) =>
        FrameHeaderSize + 12 * 11 + 3 + 2 + (8 * 11) + 3 + 2 + (trace?.Encoded.Length ?? 0) + 3 + (clientOrderId is null ? 0 : Utf8.GetMaxByteCount(clientOrderId.Length));

    /// <summary>Strict UTF-8, as Google.Protobuf writes strings.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The report as a message (unary calls, tests).</summary>
    public static V1.ExecutionReport Build(in ReportSource source)
    {
        ref readonly var committed = ref source.Committed;
        ref readonly var e = ref source.Event;
        var report = new V1.ExecutionReport
        {
            InstrumentId = committed.InstrumentId,
            OrderId = source.OrderId,
            ClientOrderId = source.ClientOrderId ?? string.Empty,
            AccountId = source.AccountId,
            InstrumentSequence = source.InstrumentSequence,
            EventSequence = e.Sequence,
            CommandSequence = committed.CommandSequence,
            TransactTimeUnixNanos = source.TransactTime,
            CorrelationId = source.IsSubmitters ? committed.Correlation : 0,
            TraceContext = source.Trace?.Message,
        };

        switch (e.Type)
        {
            case EventType.Accepted:
                report.Accepted = new V1.OrderAccepted
                {
                    Side = ContractMapping.ToContract(e.Side),
                    OrderType = OrderType(committed),
                    TimeInForce = TimeInForce(committed),
                    PriceTicks = e.Price,
                    Quantity = e.Quantity,
                };
                break;
            case EventType.Rejected:
                report.Rejected = new V1.OrderRejected
                {
                    Reason = ContractMapping.ToContract(e.RejectReason),
                    RequestKind = ContractMapping.ToRequestKind(committed.Command.Type),
                };
                break;
            case EventType.Trade:
                report.Fill = new V1.Fill
                {
                    TradeId = e.Sequence,
                    TakerOrderId = e.OrderId,
                    MakerOrderId = e.MakerOrderId,
                    PriceTicks = e.Price,
                    Quantity = e.Quantity,
                    AggressorSide = ContractMapping.ToContract(e.Side),
                    LeavesQuantity = source.IsSubmitters ? e.LeavesQuantity : e.MakerLeavesQuantity,
                };
                break;
            case EventType.Cancelled:
                report.Cancelled = new V1.OrderCancelled
                {
                    Reason = ContractMapping.ToContract(e.CancelReason),
                    CancelledQuantity = e.Quantity,
                    Side = ContractMapping.ToContract(e.Side),
                    PriceTicks = e.Price,
                };
                break;
            case EventType.Replaced:
                report.Replaced = new V1.OrderReplaced
                {
                    Side = ContractMapping.ToContract(e.Side),
                    PriceTicks = e.Price,
                    Quantity = e.Quantity,
                };
                break;
            default:
                throw new UnreachableException($"No execution report for {e.Type}.");
        }

        return report;
    }

    /// <summary>
    /// Writes the report with its gRPC prefix into <paramref name="destination"/>, which must hold
    /// <see cref="MaxFramedSize"/> bytes.
    /// </summary>
    /// <returns>The bytes written.</returns>
    public static int WriteFramed(in ReportSource source, Span<byte> destination)
    {
        ref readonly var committed = ref source.Committed;
        ref readonly var e = ref source.Event;

        // The event's message first, into a scratch buffer: its length goes before it.
        Span<byte> inner = stackalloc byte[96];
        int innerLength;
        int eventField;
        switch (e.Type)
        {
            case EventType.Accepted:
                eventField = 20;
                innerLength = 0;
                Enum(inner, ref innerLength, 1, (int)ContractMapping.ToContract(e.Side));
                Enum(inner, ref innerLength, 2, (int)OrderType(committed));
                Enum(inner, ref innerLength, 3, (int)TimeInForce(committed));
                Int64(inner, ref innerLength, 4, e.Price);
                Int64(inner, ref innerLength, 5, e.Quantity);
                break;
            case EventType.Rejected:
                eventField = 21;
                innerLength = 0;
                Enum(inner, ref innerLength, 1, (int)ContractMapping.ToContract(e.RejectReason));
                Enum(inner, ref innerLength, 2, (int)ContractMapping.ToRequestKind(committed.Command.Type));
                break;
            case EventType.Trade:
                eventField = 22;
                innerLength = 0;
                Int64(inner, ref innerLength, 1, e.Sequence);
                Int64(inner, ref innerLength, 2, e.OrderId);
                Int64(inner, ref innerLength, 3, e.MakerOrderId);
                Int64(inner, ref innerLength, 4, e.Price);
                Int64(inner, ref innerLength, 5, e.Quantity);
                Enum(inner, ref innerLength, 6, (int)ContractMapping.ToContract(e.Side));
                Int64(inner, ref innerLength, 7, source.IsSubmitters ? e.LeavesQuantity : e.MakerLeavesQuantity);
                break;
            case EventType.Cancelled:
                eventField = 23;
                innerLength = 0;
                Enum(inner, ref innerLength, 1, (int)ContractMapping.ToContract(e.CancelReason));
                Int64(inner, ref innerLength, 2, e.Quantity);
                Enum(inner, ref innerLength, 3, (int)ContractMapping.ToContract(e.Side));
                Int64(inner, ref innerLength, 4, e.Price);
                break;
            case EventType.Replaced:
                eventField = 24;
                innerLength = 0;
                Enum(inner, ref innerLength, 1, (int)ContractMapping.ToContract(e.Side));
                Int64(inner, ref innerLength, 2, e.Price);
                Int64(inner, ref innerLength, 3, e.Quantity);
                break;
            default:
                throw new UnreachableException($"No execution report for {e.Type}.");
        }

        var message = destination[FrameHeaderSize..];
        var length = 0;
        Enum(message, ref length, 1, committed.InstrumentId);
        Int64(message, ref length, 2, source.OrderId);
        if (!string.IsNullOrEmpty(source.ClientOrderId))
        {
            Tag(message, ref length, 3, WireLengthDelimited);
            var byteCount = Utf8.GetByteCount(source.ClientOrderId);
            Varint(message, ref length, (uint)byteCount);
            length += Utf8.GetBytes(source.ClientOrderId, message[length..]);
        }

        Int64(message, ref length, 4, source.AccountId);
        Int64(message, ref length, 5, source.InstrumentSequence);
        Int64(message, ref length, 6, e.Sequence);
        Int64(message, ref length, 7, committed.CommandSequence);
        Int64(message, ref length, 8, source.TransactTime);
        Int64(message, ref length, 9, source.IsSubmitters ? committed.Correlation : 0);
        if (source.Trace is { } trace)
        {
            Bytes(message, ref length, 11, trace.Encoded);
        }

        Bytes(message, ref length, eventField, inner[..innerLength]);
        destination[0] = 0;
        BinaryPrimitives.WriteInt32BigEndian(destination[1..], length);
        return FrameHeaderSize + length;
    }

    /// <summary>Writes a message (any, e.g. a refusal built as a message) with its gRPC prefix.</summary>
    public static int WriteFramed(V1.ExecutionReport report, Span<byte> destination)
    {
        var size = report.CalculateSize();
        destination[0] = 0;
        BinaryPrimitives.WriteInt32BigEndian(destination[1..], size);
        report.WriteTo(destination.Slice(FrameHeaderSize, size));
        return FrameHeaderSize + size;
    }

    private static V1.OrderType OrderType(in CommittedCommand committed) =>
        committed.Command.Type == CommandType.Market ? V1.OrderType.Market : V1.OrderType.Limit;

    private static V1.TimeInForce TimeInForce(in CommittedCommand committed) =>
        committed.Command.Type == CommandType.Market ? V1.TimeInForce.Unspecified : ContractMapping.ToContract(committed.Command.TimeInForce);

    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;

    private static void Tag(Span<byte> span, ref int position, int field, int wireType) => Varint(span, ref position, (uint)((field << 3) | wireType));

    /// <summary>An int32 or enum field: a negative value is sign-extended to ten bytes, as protobuf does.</summary>
    private static void Enum(Span<byte> span, ref int position, int field, int value)
    {
        if (value != 0)
        {
            Tag(span, ref position, field, WireVarint);
            Varint(span, ref position, (ulong)(long)value);
        }
    }

    private static void Int64(Span<byte> span, ref int position, int field, long value)
    {
        if (value != 0)
        {
            Tag(span, ref position, field, WireVarint);
            Varint(span, ref position, (ulong)value);
        }
    }

    private static void Bytes(Span<byte> span, ref int position, int field, ReadOnlySpan<byte> value)
    {
        Tag(span, ref position, field, WireLengthDelimited);
        Varint(span, ref position, (uint)value.Length);
        value.CopyTo(span[position..]);
        position += value.Length;
    }

    private static void Varint(Span<byte> span, ref int position, ulong value)
    {
        while (value >= 0x80)
        {
            span[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[position++] = (byte)value;
    }
}
