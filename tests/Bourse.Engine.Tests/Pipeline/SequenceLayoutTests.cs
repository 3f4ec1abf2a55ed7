using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Tests.Pipeline;

/// <summary>
/// Pins the padding of <see cref="Sequence"/> (held in a <see cref="PaddedLong"/>): its value must have a 64-byte
/// cache line to itself wherever the GC puts the object, and objects are only 8-byte aligned.
/// </summary>
[Collection(PipelineThreads.Name)]
public sealed class SequenceLayoutTests
{
    [Fact]
    public void PaddedLong_field_offset_attribute_leaves_56_bytes_before_and_after_the_value()
    {
        var layout = typeof(PaddedLong).StructLayoutAttribute;
        Assert.NotNull(layout);
        Assert.Equal(LayoutKind.Explicit, layout.Value);

        var field = Assert.Single(typeof(PaddedLong).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic));
        Assert.Equal(typeof(long), field.FieldType);
        var offset = field.GetCustomAttribute<FieldOffsetAttribute>()!.Value;

        Assert.True(offset >= 56, $"The value is at offset {offset}.");
        Assert.True(layout.Size - (offset + sizeof(long)) >= 56, $"The value is followed by {layout.Size - (offset + sizeof(long))} bytes.");
    }

    [Fact]
    public void PaddedLong_is_56_plus_8_plus_56_bytes()
    {
        Assert.Equal(56 + 8 + 56, Unsafe.SizeOf<PaddedLong>());
    }

    [Fact]
    public void Sequence_has_no_field_but_its_padded_value()
    {
        var field = Assert.Single(typeof(Sequence).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic));
        Assert.Equal(typeof(PaddedLong), field.FieldType);
    }

    [Fact]
    public void Sequence_value_in_memory_is_56_bytes_into_the_object_fields()
    {
        var sequence = new Sequence();

        var offset = Unsafe.ByteOffset(ref ObjectLayout.FirstFieldByte(sequence), ref Unsafe.As<long, byte>(ref PaddedOf(sequence).Value));

        Assert.Equal(56, (int)offset);
    }

    [Fact]
    public void Sequence_is_allocated_with_its_trailing_padding()
    {
        // The check that found the runtime drops StructLayout.Size on classes (80 bytes, not 136, per object).
        var perObject = ObjectLayout.AllocatedBytesPerObject(() => new Sequence());

        Assert.Equal(ObjectLayout.ObjectHeaderSize + Unsafe.SizeOf<PaddedLong>(), perObject);
    }

    [Fact]
    public void Sequence_value_has_its_cache_line_to_itself_at_every_possible_alignment()
    {
        var sequence = new Sequence();
        var valueOffset = (int)Unsafe.ByteOffset(ref ObjectLayout.FirstFieldByte(sequence), ref Unsafe.As<long, byte>(ref PaddedOf(sequence).Value));

        ObjectLayout.AssertOwnCacheLines(valueOffset, sizeof(long), regionStart: 0, regionEnd: Unsafe.SizeOf<PaddedLong>());
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_padded")]
    private static extern ref PaddedLong PaddedOf(Sequence sequence);
}
