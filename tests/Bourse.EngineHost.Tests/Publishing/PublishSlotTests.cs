using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bourse.EngineHost.Publishing;

namespace Bourse.EngineHost.Tests.Publishing;

public sealed class PublishSlotTests
{
    [Fact]
    public void The_trace_context_goes_in_as_bytes_and_comes_back_equal()
    {
        var traceId = ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c");
        var spanId = ActivitySpanId.CreateFromString("b7ad6b7169203331");
        var slot = default(PublishSlot);

        slot.SetTraceContext(traceId, spanId, ActivityTraceFlags.Recorded);

        Assert.True(slot.HasTraceContext);
        Assert.Equal(0x0af7651916cd43ddUL, slot.TraceIdHigh);
        Assert.Equal(0x8448eb211c80319cUL, slot.TraceIdLow);
        Assert.Equal(0xb7ad6b7169203331UL, slot.SpanId);
        Assert.Equal(traceId, slot.TraceContext.TraceId);
        Assert.Equal(spanId, slot.TraceContext.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, slot.TraceContext.TraceFlags);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", TraceParent.Of(slot));
    }

    [Fact]
    public void A_default_trace_id_leaves_no_trace_context_and_no_traceparent()
    {
        var slot = default(PublishSlot);
        slot.SetTraceContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);

        slot.SetTraceContext(default, default, ActivityTraceFlags.Recorded);

        Assert.False(slot.HasTraceContext);
        Assert.Equal(default, slot.TraceContext);
        Assert.Null(TraceParent.Of(slot));
    }

    [Fact]
    public void The_slot_holds_no_references_so_the_ring_is_never_scanned_by_the_gc()
    {
        Assert.False(RuntimeHelpers.IsReferenceOrContainsReferences<PublishSlot>());
    }

    [Fact]
    public void The_traceparent_is_zero_padded_lower_case_hex()
    {
        Assert.Equal("00-0000000000000001000000000000000a-000000000000000b-00", TraceParent.Format(1, 10, 11, 0));
    }
}
