using System.Runtime.CompilerServices;

namespace Bourse.Engine.Tests.Pipeline;

/// <summary>Measures where fields sit inside objects, for the layout tests of padded types.</summary>
internal static class ObjectLayout
{
    public const int CacheLineSize = 64;

    /// <summary>The object header and method table pointer that precede an object's fields (64-bit).</summary>
    public static readonly int ObjectHeaderSize = 2 * IntPtr.Size;

    /// <summary>The first byte of <paramref name="instance"/>'s fields (just after its method table pointer).</summary>
    public static ref byte FirstFieldByte(object instance) => ref Unsafe.As<RawObject>(instance).FirstByte;

    /// <summary>The bytes the GC hands out per object made by <paramref name="create"/>: the object's full size.</summary>
    public static long AllocatedBytesPerObject(Func<object> create)
    {
        const int Count = 1_000;
        var keep = new object[Count];
        create(); // JIT the factory and any static constructor before measuring.

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            keep[i] = create();
        }

        var after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(keep);
        return (after - before) / Count;
    }

    /// <summary>
    /// Asserts that every cache line holding the <paramref name="hotSize"/> bytes at <paramref name="hotOffset"/> lies
    /// inside the bytes from <paramref name="regionStart"/> to <paramref name="regionEnd"/> (the hot bytes and their
    /// padding), for every 8-byte alignment the GC may give the object. Offsets are from the object's first field byte.
    /// </summary>
    public static void AssertOwnCacheLines(int hotOffset, int hotSize, int regionStart, int regionEnd)
    {
        for (var fieldsStart = 0; fieldsStart < CacheLineSize; fieldsStart += 8)
        {
            var hotStart = fieldsStart + hotOffset;
            var firstLineStart = hotStart / CacheLineSize * CacheLineSize;
            var lastLineEnd = ((hotStart + hotSize - 1) / CacheLineSize * CacheLineSize) + CacheLineSize;

            Assert.True(
                firstLineStart >= fieldsStart + regionStart,
                $"With the fields starting {fieldsStart} bytes into a line, the line of the bytes at {hotOffset} starts before offset {regionStart}.");
            Assert.True(
                lastLineEnd <= fieldsStart + regionEnd,
                $"With the fields starting {fieldsStart} bytes into a line, the line of the bytes at {hotOffset} ends after offset {regionEnd}.");
        }
    }

    /// <summary>Reinterprets any object to reach the first byte after its method table pointer.</summary>
    private sealed class RawObject
    {
        public byte FirstByte;
    }
}
