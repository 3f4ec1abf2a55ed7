using System.Runtime.InteropServices;

namespace Bourse.Engine.Pipeline;

/// <summary>A 64-bit value with <see cref="CacheLine.Padding"/> bytes on each side: the storage of a <see cref="Sequence"/>.</summary>
/// <remarks>
/// A struct because the runtime honours <see cref="StructLayoutAttribute.Size"/> on structs but not on classes: a class
/// with explicit layout is sized to the end of its last field, so the trailing padding of a padded class silently
/// disappears (measured on .NET 10: 80 bytes per object instead of 136). A class holding this struct keeps all of it.
/// <c>SequenceLayoutTests</c> pins both the struct's size and the allocated size of <see cref="Sequence"/>.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = CacheLine.Padding + sizeof(long) + CacheLine.Padding)]
internal struct PaddedLong
{
    // padding: CacheLine.Padding (bytes 0..55)

    /// <summary>The value. Access it only through <see cref="Volatile"/> or <see cref="Interlocked"/>.</summary>
    [FieldOffset(CacheLine.Padding)]
    public long Value;

    // padding: CacheLine.Padding (bytes 64..119, up to the StructLayout Size)
}
