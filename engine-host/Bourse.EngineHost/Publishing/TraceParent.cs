namespace Bourse.EngineHost.Publishing;

/// <summary>The W3C <c>traceparent</c> header value (version 00) built from a slot's trace bytes.</summary>
internal static class TraceParent
{
    /// <summary>The application property that carries it.</summary>
    public const string PropertyName = "traceparent";

    /// <summary><c>00-{trace id, 32 hex}-{parent id, 16 hex}-{flags, 2 hex}</c>, lower case.</summary>
    public static string Format(ulong traceIdHigh, ulong traceIdLow, ulong spanId, byte flags) =>
        string.Create(55, (traceIdHigh, traceIdLow, spanId, flags), static (span, s) =>
        {
            "00-".CopyTo(span);
            s.traceIdHigh.TryFormat(span[3..19], out _, "x16", provider: null);
            s.traceIdLow.TryFormat(span[19..35], out _, "x16", provider: null);
            span[35] = '-';
            s.spanId.TryFormat(span[36..52], out _, "x16", provider: null);
            span[52] = '-';
            s.flags.TryFormat(span[53..], out _, "x2", provider: null);
        });

    /// <summary>The slot's traceparent, or null when it has no trace context.</summary>
    public static string? Of(in PublishSlot slot) =>
        slot.HasTraceContext ? Format(slot.TraceIdHigh, slot.TraceIdLow, slot.SpanId, slot.TraceFlags) : null;
}
