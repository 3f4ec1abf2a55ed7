using System.Text;
using V1 = Bourse.Contracts.Engine.V1;

namespace Bourse.EngineHost.OrderEntry;

/// <summary>
/// A client id as the gateway needs it: a string (from a parsed message), or ASCII bytes straight from a request
/// (<see cref="TradeRequestParser"/>), so that a cancel or replace found by its key needs no string at all.
/// </summary>
internal readonly ref struct ClientIdRef
{
    private readonly string? _text;
    private readonly ReadOnlySpan<byte> _ascii;

    public ClientIdRef(string? text) => _text = text ?? string.Empty;

    /// <param name="ascii">Bytes below 0x80 only: each is one UTF-16 code unit, so lengths and keys match the string's.</param>
    public ClientIdRef(ReadOnlySpan<byte> ascii) => _ascii = ascii;

    /// <summary>Its length in UTF-16 code units, as <see cref="string.Length"/>.</summary>
    public int Length => _text?.Length ?? _ascii.Length;

    /// <summary>The client order key (<see cref="ClientOrderKey"/>), through the stream's cache when there is one.</summary>
    public long Key(long accountId, ClientOrderKeyCache? keys) => _text is null
        ? keys?.Get(accountId, _ascii) ?? ClientOrderKey.Compute(accountId, _ascii)
        : keys?.Get(accountId, _text) ?? ClientOrderKey.Compute(accountId, _text);

    /// <summary>The id as a string: the one it was made from, or built from its bytes.</summary>
    public string AsString() => _text ?? Encoding.ASCII.GetString(_ascii);
}

/// <summary>One request of order entry, whichever way it was read: from a message, or from its bytes.</summary>
/// <remarks>
/// Fields as in <see cref="V1.OrderEntryRequest"/>; those of the kinds a request is not stay at their defaults. For a
/// cancel or replace, <see cref="ClientOrderId"/> is its target's (empty when it has none) and
/// <see cref="ClientRequestId"/> its own id.
/// </remarks>
internal ref struct TradeRequestFields
{
    public V1.OrderEntryRequest.RequestOneofCase Kind;
    public long CorrelationId;
    public ClientIdRef ClientOrderId;
    public ClientIdRef ClientRequestId;
    public long AccountId;
    public int InstrumentId;
    public V1.Side Side;
    public V1.OrderType OrderType;
    public V1.TimeInForce TimeInForce;
    public long PriceTicks;
    public long Quantity;

    /// <summary>A cancel or replace names its target by engine order id (<see cref="OrderId"/>).</summary>
    public bool TargetIsOrderId;

    public long OrderId;

    /// <summary>The request's own trace context; never set by <see cref="TradeRequestParser"/> (a request with one is parsed as a message).</summary>
    public V1.TraceContext? TraceContext;

    public static TradeRequestFields From(V1.OrderEntryRequest request)
    {
        var fields = request.RequestCase switch
        {
            V1.OrderEntryRequest.RequestOneofCase.NewOrder => From(request.NewOrder),
            V1.OrderEntryRequest.RequestOneofCase.Cancel => From(request.Cancel),
            V1.OrderEntryRequest.RequestOneofCase.Replace => From(request.Replace),
            _ => default,
        };
        fields.CorrelationId = request.CorrelationId;
        return fields;
    }

    public static TradeRequestFields From(V1.NewOrderRequest request) => new()
    {
        Kind = V1.OrderEntryRequest.RequestOneofCase.NewOrder,
        ClientOrderId = new ClientIdRef(request.ClientOrderId),
        AccountId = request.AccountId,
        InstrumentId = request.InstrumentId,
        Side = request.Side,
        OrderType = request.OrderType,
        TimeInForce = request.TimeInForce,
        PriceTicks = request.PriceTicks,
        Quantity = request.Quantity,
        TraceContext = request.TraceContext,
    };

    public static TradeRequestFields From(V1.CancelRequest request) => new()
    {
        Kind = V1.OrderEntryRequest.RequestOneofCase.Cancel,
        ClientRequestId = new ClientIdRef(request.ClientRequestId),
        ClientOrderId = new ClientIdRef(request.ClientOrderId),
        AccountId = request.AccountId,
        InstrumentId = request.InstrumentId,
        TargetIsOrderId = request.TargetCase == V1.CancelRequest.TargetOneofCase.OrderId,
        OrderId = request.OrderId,
        TraceContext = request.TraceContext,
    };

    public static TradeRequestFields From(V1.ReplaceRequest request) => new()
    {
        Kind = V1.OrderEntryRequest.RequestOneofCase.Replace,
        ClientRequestId = new ClientIdRef(request.ClientRequestId),
        ClientOrderId = new ClientIdRef(request.ClientOrderId),
        AccountId = request.AccountId,
        InstrumentId = request.InstrumentId,
        TargetIsOrderId = request.TargetCase == V1.ReplaceRequest.TargetOneofCase.OrderId,
        OrderId = request.OrderId,
        PriceTicks = request.PriceTicks,
        Quantity = request.Quantity,
        TraceContext = request.TraceContext,
    };
}

/// <summary>
/// Reads the common shape of an <see cref="V1.OrderEntryRequest"/> straight from its bytes into
/// <see cref="TradeRequestFields"/>: no message objects, and client ids left as bytes.
/// </summary>
/// <remarks>
/// Why: parsing built a request, its inner message and one or two strings per request (a replace's request id is only
/// checked for its length; its target's id only looked up by key), and that parse was most of the reading thread's
/// work after the gateway. Anything off the common shape (a trace context, a field this does not know, a non-ASCII
/// id, a wire type other than the schema's, a request kind given twice) is refused here, and the caller parses the
/// message with Google.Protobuf as before, so every request means exactly what it meant. Scalars given twice take the
/// last value and a target given both ways the last one, as Google.Protobuf does. <c>TradeRequestParserTests</c>
/// compares the two on every kind and on the shapes refused.
/// </remarks>
internal static class TradeRequestParser
{
    private const int Varint = 0;
    private const int LengthDelimited = 2;

    public static bool TryParse(ReadOnlySpan<byte> message, out TradeRequestFields fields)
    {
        fields = default;
        var kinds = 0;
        var position = 0;
        while (position < message.Length)
        {
            if (!TryReadTag(message, ref position, out var field, out var wireType))
            {
                return false;
            }

            if (field == V1.OrderEntryRequest.CorrelationIdFieldNumber && wireType == Varint)
            {
                if (!TryReadVarint(message, ref position, out var correlation))
                {
                    return false;
                }

                fields.CorrelationId = (long)correlation;
                continue;
            }

            if (wireType != LengthDelimited || kinds++ > 0 || !TryReadLength(message, ref position, out var inner))
            {
                return false;
            }

            var parsed = field switch
            {
                V1.OrderEntryRequest.NewOrderFieldNumber => TryParseNewOrder(inner, ref fields),
                V1.OrderEntryRequest.CancelFieldNumber => TryParseCancelOrReplace(inner, V1.OrderEntryRequest.RequestOneofCase.Cancel, ref fields),
                V1.OrderEntryRequest.ReplaceFieldNumber => TryParseCancelOrReplace(inner, V1.OrderEntryRequest.RequestOneofCase.Replace, ref fields),
                _ => false,
            };
            if (!parsed)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseNewOrder(ReadOnlySpan<byte> message, ref TradeRequestFields fields)
    {
        fields.Kind = V1.OrderEntryRequest.RequestOneofCase.NewOrder;
        fields.ClientOrderId = new ClientIdRef(ReadOnlySpan<byte>.Empty);
        var position = 0;
        while (position < message.Length)
        {
            if (!TryReadTag(message, ref position, out var field, out var wireType))
            {
                return false;
            }

            if (wireType == LengthDelimited)
            {
                if (!TryReadLength(message, ref position, out var text) || !Ascii.IsValid(text))
                {
                    return false;
                }

                switch (field)
                {
                    case V1.NewOrderRequest.ClientOrderIdFieldNumber:
                        fields.ClientOrderId = new ClientIdRef(text);
                        break;
                    case V1.NewOrderRequest.UserIdFieldNumber:
                        // Not used by the gateway, as when parsed as a message.
                        break;
                    default:
                        return false;
                }

                continue;
            }

            if (wireType != Varint || !TryReadVarint(message, ref position, out var value))
            {
                return false;
            }

            switch (field)
            {
                case V1.NewOrderRequest.AccountIdFieldNumber: fields.AccountId = (long)value; break;
                case V1.NewOrderRequest.InstrumentIdFieldNumber: fields.InstrumentId = (int)value; break;
                case V1.NewOrderRequest.SideFieldNumber: fields.Side = (V1.Side)(int)value; break;
                case V1.NewOrderRequest.OrderTypeFieldNumber: fields.OrderType = (V1.OrderType)(int)value; break;
                case V1.NewOrderRequest.TimeInForceFieldNumber: fields.TimeInForce = (V1.TimeInForce)(int)value; break;
                case V1.NewOrderRequest.PriceTicksFieldNumber: fields.PriceTicks = (long)value; break;
                case V1.NewOrderRequest.QuantityFieldNumber: fields.Quantity = (long)value; break;
                default: return false;
            }
        }

        return true;
    }

    // Cancel and replace share their field numbers (ReplaceRequest adds price and quantity).
    private static bool TryParseCancelOrReplace(ReadOnlySpan<byte> message, V1.OrderEntryRequest.RequestOneofCase kind, ref TradeRequestFields fields)
    {
        fields.Kind = kind;
        fields.ClientOrderId = new ClientIdRef(ReadOnlySpan<byte>.Empty);
        fields.ClientRequestId = new ClientIdRef(ReadOnlySpan<byte>.Empty);
        var replace = kind == V1.OrderEntryRequest.RequestOneofCase.Replace;
        var position = 0;
        while (position < message.Length)
        {
            if (!TryReadTag(message, ref position, out var field, out var wireType))
            {
                return false;
            }

            if (wireType == LengthDelimited)
            {
                if (!TryReadLength(message, ref position, out var text) || !Ascii.IsValid(text))
                {
                    return false;
                }

                switch (field)
                {
                    case V1.CancelRequest.ClientRequestIdFieldNumber:
                        fields.ClientRequestId = new ClientIdRef(text);
                        break;
                    case V1.CancelRequest.UserIdFieldNumber:
                        break;
                    case V1.CancelRequest.ClientOrderIdFieldNumber:
                        fields.ClientOrderId = new ClientIdRef(text);
                        fields.TargetIsOrderId = false;
                        fields.OrderId = 0;
                        break;
                    default:
                        return false;
                }

                continue;
            }

            if (wireType != Varint || !TryReadVarint(message, ref position, out var value))
            {
                return false;
            }

            switch (field)
            {
                case V1.CancelRequest.AccountIdFieldNumber: fields.AccountId = (long)value; break;
                case V1.CancelRequest.InstrumentIdFieldNumber: fields.InstrumentId = (int)value; break;
                case V1.CancelRequest.OrderIdFieldNumber:
                    fields.OrderId = (long)value;
                    fields.TargetIsOrderId = true;
                    fields.ClientOrderId = new ClientIdRef(ReadOnlySpan<byte>.Empty);
                    break;
                case V1.ReplaceRequest.PriceTicksFieldNumber when replace: fields.PriceTicks = (long)value; break;
                case V1.ReplaceRequest.QuantityFieldNumber when replace: fields.Quantity = (long)value; break;
                default: return false;
            }
        }

        return true;
    }

    private static bool TryReadTag(ReadOnlySpan<byte> message, scoped ref int position, out int field, out int wireType)
    {
        field = 0;
        wireType = 0;
        if (!TryReadVarint(message, ref position, out var tag) || tag > uint.MaxValue)
        {
            return false;
        }

        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return field > 0;
    }

    private static bool TryReadLength(ReadOnlySpan<byte> message, scoped ref int position, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryReadVarint(message, ref position, out var length) || length > (ulong)(message.Length - position))
        {
            return false;
        }

        value = message.Slice(position, (int)length);
        position += (int)length;
        return true;
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> message, scoped ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < message.Length; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
