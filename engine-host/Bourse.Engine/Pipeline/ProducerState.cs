using System.Runtime.InteropServices;

namespace Bourse.Engine.Pipeline;

/// <summary>
/// The single producer's private claim state, written on every claim, with <see cref="CacheLine.Padding"/> bytes on
/// each side so those writes never invalidate a line that a consumer reads (see <see cref="RingBuffer"/>).
/// </summary>
/// <remarks>A struct for the reason given on <see cref="PaddedLong"/>: only a struct keeps its trailing padding.</remarks>
[StructLayout(LayoutKind.Explicit, Size = CacheLine.Padding + (2 * sizeof(long)) + CacheLine.Padding)]
internal struct ProducerState
{
    // padding: CacheLine.Padding (bytes 0..55)

    /// <summary>The highest claimed sequence.</summary>
    [FieldOffset(CacheLine.Padding)]
    public long NextValue;

    /// <summary>The slowest gating sequence when last read: claims up to it plus the buffer size need no re-read.</summary>
    [FieldOffset(CacheLine.Padding + sizeof(long))]
    public long CachedGatingSequence;

    // padding: CacheLine.Padding (bytes 72..127, up to the StructLayout Size)
}
