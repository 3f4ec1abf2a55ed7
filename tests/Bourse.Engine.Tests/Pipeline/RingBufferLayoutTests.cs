using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bourse.Engine.Pipeline;

namespace Bourse.Engine.Tests.Pipeline;

/// <summary>
/// Pins the padding of <see cref="RingBuffer"/>: the read-mostly fields consumers use on every event and the claim
/// state the producer writes on every claim must never share a cache line, nor share one with the heap neighbours;
/// and the slot array keeps a cache line of unused slots at each end.
/// </summary>
[Collection(PipelineThreads.Name)]
public sealed class RingBufferLayoutTests
{
    private static readonly string[] s_producerFields = [nameof(ProducerState.NextValue), nameof(ProducerState.CachedGatingSequence)];

    [Fact]
    public void Read_mostly_fields_sit_between_56_bytes_of_leading_padding_and_the_producer_state()
    {
        Assert.Equal(LayoutKind.Explicit, typeof(RingBuffer).StructLayoutAttribute!.Value);

        var fields = typeof(RingBuffer).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly);
        var producer = Assert.Single(fields, f => f.FieldType == typeof(ProducerState));
        var producerOffset = Offset(producer);
        Assert.Equal(RingBuffer.ProducerStateOffset, producerOffset);

        foreach (var field in fields.Where(f => f != producer))
        {
            var offset = Offset(field);
            Assert.True(offset >= 56, $"{field.Name} is at {offset}, inside the leading padding.");
            Assert.True(offset + SizeOf(field.FieldType) <= producerOffset, $"{field.Name} at {offset} overlaps the producer state at {producerOffset}.");
        }
    }

    [Fact]
    public void ProducerState_has_56_bytes_of_padding_around_its_two_fields()
    {
        var layout = typeof(ProducerState).StructLayoutAttribute!;
        Assert.Equal(LayoutKind.Explicit, layout.Value);
        var fields = typeof(ProducerState).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.Equal(s_producerFields.Order(), fields.Select(f => f.Name).Order());

        Assert.All(fields, f => Assert.True(Offset(f) >= 56, $"{f.Name} is at {Offset(f)}."));
        Assert.All(fields, f => Assert.True(layout.Size - (Offset(f) + sizeof(long)) >= 56, $"{f.Name} is followed by {layout.Size - (Offset(f) + sizeof(long))} bytes."));
        Assert.Equal(56 + 16 + 56, Unsafe.SizeOf<ProducerState>());
    }

    [Fact]
    public void In_memory_the_blocks_are_where_the_attributes_say()
    {
        var ring = new RingBuffer<long>(8, new BusySpinWaitStrategy());
        ref var start = ref ObjectLayout.FirstFieldByte(ring);

        Assert.Equal(RingBuffer.ReadMostlyBlockOffset, (int)Unsafe.ByteOffset(ref start, ref Unsafe.As<object, byte>(ref EntriesOf(ring))));
        Assert.Equal(RingBuffer.ProducerStateOffset + 56, (int)Unsafe.ByteOffset(ref start, ref Unsafe.As<long, byte>(ref ProducerOf(ring).NextValue)));
        Assert.Equal(RingBuffer.ProducerStateOffset + 64, (int)Unsafe.ByteOffset(ref start, ref Unsafe.As<long, byte>(ref ProducerOf(ring).CachedGatingSequence)));
    }

    [Fact]
    public void Read_mostly_block_and_producer_state_never_share_a_cache_line()
    {
        var producerValues = RingBuffer.ProducerStateOffset + 56;
        var objectEnd = RingBuffer.ProducerStateOffset + Unsafe.SizeOf<ProducerState>();

        ObjectLayout.AssertOwnCacheLines(RingBuffer.ReadMostlyBlockOffset, RingBuffer.ReadMostlyBlockSize, regionStart: 0, regionEnd: producerValues);
        ObjectLayout.AssertOwnCacheLines(producerValues, 2 * sizeof(long), regionStart: RingBuffer.ReadMostlyBlockOffset + RingBuffer.ReadMostlyBlockSize, regionEnd: objectEnd);
    }

    [Fact]
    public void Ring_is_allocated_with_its_trailing_padding()
    {
        // The ring object (header + fields up to the end of ProducerState), its slot array and its cursor.
        const int BufferSize = 8;
        var strategy = new BusySpinWaitStrategy();
        var ring = new RingBuffer<long>(BufferSize, strategy);
        var arrayBytes = ObjectLayout.ObjectHeaderSize + sizeof(long) + (ring.Entries.Length * sizeof(long));
        var sequenceBytes = ObjectLayout.ObjectHeaderSize + Unsafe.SizeOf<PaddedLong>();
        var ringBytes = ObjectLayout.ObjectHeaderSize + RingBuffer.ProducerStateOffset + Unsafe.SizeOf<ProducerState>();

        var perRing = ObjectLayout.AllocatedBytesPerObject(() => new RingBuffer<long>(BufferSize, strategy));

        Assert.Equal(ringBytes + arrayBytes + sequenceBytes, perRing);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(1024)]
    public void Slot_array_has_a_cache_line_of_unused_slots_at_each_end(int bufferSize)
    {
        var ring = new RingBuffer<long>(bufferSize, new BusySpinWaitStrategy());
        var pad = RingBuffer<long>.PadSlots;

        Assert.True(pad * sizeof(long) >= 64);
        Assert.Equal(bufferSize + (2 * pad), ring.Entries.Length);
        Assert.True(Unsafe.AreSame(ref ring[0], ref ring.Entries[pad]));
        Assert.True(Unsafe.AreSame(ref ring[bufferSize - 1], ref ring.Entries[pad + bufferSize - 1]));
        Assert.True(Unsafe.AreSame(ref ring[bufferSize], ref ring[0]));
    }

    [Fact]
    public void Slot_padding_rounds_up_to_whole_slots_for_any_slot_size()
    {
        Assert.Equal(64, RingBuffer<byte>.PadSlots);
        Assert.Equal(3, RingBuffer<Slot24>.PadSlots);
        Assert.Equal(1, RingBuffer<Slot100>.PadSlots);
        Assert.True(RingBuffer<Slot24>.PadSlots * Unsafe.SizeOf<Slot24>() >= 64);
    }

    private static int Offset(FieldInfo field) => field.GetCustomAttribute<FieldOffsetAttribute>()!.Value;

    private static int SizeOf(Type type) =>
        type == typeof(bool) ? sizeof(bool) :
        type == typeof(int) ? sizeof(int) :
        type == typeof(long) ? sizeof(long) :
        !type.IsValueType ? IntPtr.Size :
        throw new NotSupportedException(type.Name);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_entries")]
    private static extern ref object EntriesOf(RingBuffer ring);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_producer")]
    private static extern ref ProducerState ProducerOf(RingBuffer ring);

    [StructLayout(LayoutKind.Sequential, Size = 24)]
    private struct Slot24
    {
        public long Value;
    }

    [StructLayout(LayoutKind.Sequential, Size = 100)]
    private struct Slot100
    {
        public long Value;
    }
}
